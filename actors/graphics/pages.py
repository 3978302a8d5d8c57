"""What the stakeholder map and relationship network pages show one user: read through the registry's selectors
(so through ``restrict``), turned into drawings, with bounded tables beside them.

The views only add these contexts to theirs; every user-facing string is translated here or in the templates.
"""

from dataclasses import dataclass, replace

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _

from cmcoord.core.views import forgiving_page_number
from summaries.selectors import assessment_summaries

from ..choices import ActorCategory, Confidence, RelationshipType, Stance
from ..filtersets import ActorFilterSet
from ..models import Actor
from ..selectors import actors_with_current_picture, relationships_for_network
from .layout import NETWORK_NODE_CAP, NetworkEdge, NetworkNode, most_connected
from .network import network_svg
from .stakeholder_map import MapPoint, stakeholder_map_svg

# Rows of a table beside a drawing, per page: the tables list everything, a page at a time.
TABLE_ROWS = 100


def _table_page(rows: list, data) -> Page:
    return Paginator(rows, TABLE_ROWS).get_page(forgiving_page_number(data.get("page")))


def stakeholder_map_context(*, user, operation, data) -> dict:
    """The map of the operation's actors `user` may see (filtered by `data`, the query string), each placed by
    its latest assessment `user` may see, and a page of the same as a table."""
    filterset = ActorFilterSet(data, queryset=actors_with_current_picture(user, operation).order_by("name"), user=user)
    actors = list(filterset.qs)
    stances = {key: str(label) for key, label in Stance.choices}
    categories = {key: str(label) for key, label in ActorCategory.choices}
    _place_by_summaries(user, operation, actors)
    mapped = [actor for actor in actors if actor.current_influence and actor.current_interest]
    off_map = [actor for actor in actors if not (actor.current_influence and actor.current_interest)]
    # An assessment above the reader's level is not a missing one: those actors read "assessment restricted".
    restricted = [actor for actor in off_map if actor.assessed]
    unassessed = [actor for actor in off_map if not actor.assessed]
    points = [
        MapPoint(
            key=str(actor.pk),
            label=str(actor),
            url=actor.get_absolute_url(),
            influence=actor.current_influence,
            interest=actor.current_interest,
            stance=actor.current_stance,
            stance_label=stances.get(actor.current_stance, actor.current_stance),
            category_label=categories.get(actor.category, actor.category),
        )
        for actor in mapped
    ]
    svg = stakeholder_map_svg(
        points,
        title=_("Stakeholder map of %(operation)s") % {"operation": operation},
        x_label=_("Interest in protection and access outcomes"),
        y_label=_("Influence"),
        legend=stances,
        legend_title=_("Stance"),
        tooltip=_("{label} ({category}): {stance}; influence {influence}, interest {interest}"),
    )
    return {
        "svg": svg,
        "filter": filterset,
        "mapped": mapped,
        "table_page": _table_page(mapped, data),
        "unassessed": unassessed,
        "unassessed_listed": unassessed[:TABLE_ROWS],
        "unassessed_more": max(len(unassessed) - TABLE_ROWS, 0),
        "restricted": restricted,
        "restricted_listed": restricted[:TABLE_ROWS],
        "restricted_more": max(len(restricted) - TABLE_ROWS, 0),
        "stance_labels": stances,
    }


def _place_by_summaries(user, operation, actors) -> None:
    """Actors whose assessments the reader may not open are placed by the latest released summary of one (its
    stance, influence and interest, cleared for the HCT); ``actor.summary`` says so on the page."""
    closed = [actor for actor in actors if actor.assessed and not (actor.current_influence and actor.current_interest)]
    if not closed:
        return
    summaries = assessment_summaries(user, operation, [actor.pk for actor in closed])
    for actor in closed:
        summary = summaries.get(actor.pk)
        facts = summary.facts if summary is not None else {}
        if facts.get("influence") and facts.get("interest"):
            actor.current_influence, actor.current_interest = facts["influence"], facts["interest"]
            actor.current_stance = facts.get("stance", "")
            actor.summary = summary


@dataclass(frozen=True)
class RelationshipRow:
    """One row of the network's table: built from the actors already read, not from one query per row."""

    source: Actor
    kind: str
    target: Actor
    confidence: str


def network_context(*, user, operation, data) -> dict:
    """The network of the operation's actors `user` may see (filtered by `data`) and of the relationships
    `user` may see between them: at most ``NETWORK_NODE_CAP`` actors drawn, the most connected, and every
    relationship in a table, a page at a time.

    Relationships are read as plain values (thousands of model instances, each with two actors and their
    operations, would cost more than the rest of the page); their actors come from the actors read first.
    """
    filterset = ActorFilterSet(data, queryset=actors_with_current_picture(user, operation), user=user)
    # The filter may use each actor's latest assessment; the drawing does not. Reading the filtered actors
    # through their keys leaves those four subqueries per actor out, unless a filter needs them. The keys come
    # from the restricted queryset, so this reads nothing the user may not see.
    chosen = Actor.objects.filter(pk__in=filterset.qs.values("pk")).select_related("operation").order_by("name")
    actors = {actor.pk: actor for actor in chosen}
    relationships = [
        (source, target, kind, confidence)
        for source, target, kind, confidence in relationships_for_network(user, operation).values_list(
            "source_id", "target_id", "relationship_type", "confidence"
        )
        if source in actors and target in actors
    ]
    categories = {key: str(label) for key, label in ActorCategory.choices}
    kinds = {key: str(label) for key, label in RelationshipType.choices}
    confidences = {key: str(label) for key, label in Confidence.choices}
    nodes = [
        NetworkNode(str(pk), str(a), "", a.category, categories.get(a.category, a.category)) for pk, a in actors.items()
    ]
    edges = [
        NetworkEdge(str(source), str(target), kind, kinds.get(kind, kind), confidence)
        for source, target, kind, confidence in relationships
    ]
    drawn, drawn_edges = most_connected(nodes, edges, NETWORK_NODE_CAP)
    drawn = [replace(node, url=actors[int(node.key)].get_absolute_url()) for node in drawn]  # links of drawn only
    svg = network_svg(
        drawn,
        drawn_edges,
        title=_("Relationships between actors in %(operation)s") % {"operation": operation},
        legend_groups=categories,
        legend_kinds=kinds,
        legend_confidence=confidences,
        groups_title=_("Category"),
        kinds_title=_("Relationship"),
        confidence_title=_("Confidence"),
    )
    table_page = _table_page(relationships, data)
    table_page.object_list = [
        RelationshipRow(actors[source], kinds.get(kind, kind), actors[target], confidences.get(confidence, confidence))
        for source, target, kind, confidence in table_page.object_list
    ]
    return {
        "svg": svg,
        "filter": filterset,
        "actor_count": len(actors),
        "drawn_count": len(drawn),
        "relationship_count": len(relationships),
        "table_page": table_page,
    }
