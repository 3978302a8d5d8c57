// Task form: show the chosen activity's catalogue description, and only the recurrence fields that apply.
// Progressive enhancement: without JavaScript every field stays visible and the form works the same.
(function () {
  "use strict";
  var form = document.querySelector("[data-testid=task-form]");
  if (!form) { return; }

  var activity = form.querySelector("select[name=activity]");
  var help = document.getElementById("activity-help");
  function showDescription() {
    var option = activity.options[activity.selectedIndex];
    help.textContent = (option && option.dataset.description) || "";
  }
  if (activity && help) {
    activity.addEventListener("change", showDescription);
    showDescription();
  }

  var repeat = form.querySelector("select[name=repeat]");
  var details = form.querySelector("[data-recurrence-details]");
  var monthlyMode = form.querySelector("select[name=repeat_monthly_mode]");
  var monthlyWeekday = form.querySelector("[data-monthly-weekday]");
  function syncRecurrence() {
    var frequency = repeat.value;
    details.hidden = !frequency;
    form.querySelectorAll("[data-repeat-only]").forEach(function (block) {
      block.hidden = block.dataset.repeatOnly !== frequency;
    });
    if (monthlyWeekday && monthlyMode) { monthlyWeekday.hidden = monthlyMode.value !== "weekday"; }
  }
  if (repeat && details) {
    repeat.addEventListener("change", syncRecurrence);
    if (monthlyMode) { monthlyMode.addEventListener("change", syncRecurrence); }
    syncRecurrence();
  }
})();
