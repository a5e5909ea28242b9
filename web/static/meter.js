// METER's only script: saves each questionnaire answer as it is given, through the JSON API, and
// selects invitation links for copying. Pages work without it: the form posts the whole page.
"use strict";

(function () {
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  function fieldsOf(fieldset) {
    var checked = fieldset.querySelector('input[type="radio"]:checked');
    return {
      value: checked ? checked.value : "",
      comment: (fieldset.querySelector("textarea") || {}).value || "",
      evidence_url: (fieldset.querySelector('input[type="url"]') || {}).value || ""
    };
  }

  // One save in flight per statement: a change made meanwhile is sent when it returns, with the
  // version that save produced, so two quick changes never conflict with each other.
  function save(form, fieldset) {
    if (fieldset.meterBusy) {
      fieldset.meterDirty = true;
      return;
    }
    fieldset.meterBusy = true;
    fieldset.meterDirty = false;
    var id = fieldset.getAttribute("data-statement");
    var version = fieldset.querySelector("[data-version]");
    var status = fieldset.querySelector("[data-status]");
    var body = fieldsOf(fieldset);
    body.version = parseInt(version.value, 10) || 0;
    status.textContent = form.getAttribute("data-msg-saving");
    status.className = "meter-saved";
    fetch("/api/answers/" + encodeURIComponent(id), {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (json) { return { ok: response.ok, json: json }; });
    }).then(function (result) {
      if (result.ok) {
        version.value = result.json.version;
        status.textContent = form.getAttribute("data-msg-saved");
        status.className = "meter-saved is-saved";
      } else {
        status.textContent = form.getAttribute("data-msg-failed") + " " + result.json.message;
        status.className = "meter-saved is-error";
      }
    }).catch(function () {
      status.textContent = form.getAttribute("data-msg-offline");
      status.className = "meter-saved is-error";
    }).then(function () {
      fieldset.meterBusy = false;
      if (fieldset.meterDirty) save(form, fieldset);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector('form[data-autosave="on"]');
    if (form) {
      form.querySelectorAll("fieldset[data-statement]").forEach(function (fieldset) {
        fieldset.querySelectorAll('input[type="radio"]').forEach(function (input) {
          input.addEventListener("change", function () { save(form, fieldset); });
        });
        fieldset.querySelectorAll('textarea, input[type="url"]').forEach(function (input) {
          input.addEventListener("change", function () { save(form, fieldset); });
        });
      });
    }
    document.querySelectorAll("input[data-copy]").forEach(function (input) {
      input.addEventListener("focus", function () { input.select(); });
    });
  });
})();
