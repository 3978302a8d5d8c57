// Passkeys: django-otp-webauthn's scripts make the browser's WebAuthn calls; once one succeeded, this posts the
// page's own form (a new passkey's name; or "remember this browser" and where the user was going).
(function () {
  "use strict";

  var nameForm = document.getElementById("passkey-name-form");
  if (nameForm) {
    // Enter in the name field starts the registration, as the button does (the form is posted once it succeeded).
    nameForm.addEventListener("submit", function (event) {
      if (nameForm.dataset.passkey) { return; }
      event.preventDefault();
      var button = document.getElementById("passkey-register-button");
      if (button && !button.disabled) { button.click(); }
    });
    document.addEventListener("otp_webauthn.register_complete", function (event) {
      var id = String(event.detail && event.detail.id);
      if (!/^[0-9]+$/.test(id)) { return; }
      nameForm.dataset.passkey = id;
      nameForm.setAttribute("action", nameForm.dataset.action.replace("/0/", "/" + id + "/"));
      nameForm.submit();
    });
  }

  var signedIn = document.getElementById("passkey-signed-in-form");
  if (signedIn) {
    document.addEventListener("otp_webauthn.verification_complete", function () {
      var remember = document.getElementById("id_remember");
      signedIn.querySelector("input[name='remember']").value = remember && remember.checked ? "on" : "";
      signedIn.submit();
    });
  }
})();
