// METER's only script: saves each questionnaire answer through the JSON API once the choice has
// settled, keeps the page's progress counter up to date from what each save returns, selects
// invitation links for copying, and on the knowledge form marks the title and summary of the
// chosen text language as required. Pages work without it: the form posts the whole page, and the
// server says which language is required.
"use strict";

(function () {
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  // How long a choice must stay put before it is saved. Arrow keys move the choice through the
  // options of a statement one by one; only the option they stop on is saved (and at once when
  // the respondent leaves the statement or the page).
  var QUIET_MS = 700;
  // Larger bodies go without keepalive, whose requests share a 64 kB budget per page.
  var KEEPALIVE_BYTES = 16000;

  function fieldsOf(fieldset) {
    var checked = fieldset.querySelector('input[type="radio"]:checked');
    return {
      value: checked ? checked.value : "",
      comment: (fieldset.querySelector("textarea") || {}).value || "",
      evidence_url: (fieldset.querySelector('input[type="url"]') || {}).value || ""
    };
  }

  // The counter above the form ("Page 2 of 19 · 7 of 76 statements answered") and its bar; the
  // server words the count, in the form the language needs for it.
  function showProgress(form, progress) {
    if (!progress || !progress.total || !progress.text) return;
    var text = progress.text;
    var percent = Math.round(100 * progress.answered / progress.total);
    var counter = document.querySelector(".meter-counter");
    if (counter && counter.lastChild && counter.lastChild.nodeType === Node.TEXT_NODE) {
      counter.lastChild.textContent = " · " + text;
    }
    var bar = document.querySelector(".meter-progress progress");
    if (bar) {
      bar.value = percent;
      bar.textContent = percent + "%";
      bar.setAttribute("aria-label", text);
    }
  }

  function showStatus(fieldset, text, state) {
    var status = fieldset.querySelector("[data-status]");
    status.textContent = text;
    status.className = "meter-saved" + (state ? " " + state : "");
  }

  // One save in flight per statement: a change made meanwhile is sent when it returns, with the
  // version that save produced, so two quick changes never conflict with each other. When the page
  // is going away (`leaving`) there is no "when it returns": the change is sent at once with the
  // version the save in flight will produce.
  function save(form, fieldset, leaving) {
    clearTimeout(fieldset.meterTimer);
    fieldset.meterTimer = null;
    var version = fieldset.querySelector("[data-version]");
    var body = fieldsOf(fieldset);
    body.version = parseInt(version.value, 10) || 0;
    if (fieldset.meterBusy) {
      if (!leaving) {
        fieldset.meterDirty = true;
        return;
      }
      body.version += 1;
    }
    fieldset.meterBusy = true;
    fieldset.meterDirty = false;
    fieldset.meterSent = JSON.stringify(fieldsOf(fieldset));
    var id = fieldset.getAttribute("data-statement");
    var text = JSON.stringify(body);
    showStatus(fieldset, form.getAttribute("data-msg-saving"), "");
    fetch("/api/answers/" + encodeURIComponent(id), {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: text,
      // Lets the save finish when the respondent leaves the page just after choosing.
      keepalive: text.length <= KEEPALIVE_BYTES
    }).then(function (response) {
      return response.json().then(function (json) { return { ok: response.ok, json: json }; });
    }).then(function (result) {
      if (result.ok) {
        version.value = result.json.version;
        showStatus(fieldset, form.getAttribute("data-msg-saved"), "is-saved");
        showProgress(form, result.json.progress);
      } else {
        showStatus(fieldset, form.getAttribute("data-msg-failed").replace("{1}", result.json.message),
                   "is-error");
      }
    }).catch(function () {
      showStatus(fieldset, form.getAttribute("data-msg-offline"), "is-error");
    }).then(function () {
      fieldset.meterBusy = false;
      if (fieldset.meterDirty) save(form, fieldset);
    });
  }

  // Saves the statement's answer once it has stayed put for QUIET_MS.
  function saveWhenSettled(form, fieldset) {
    clearTimeout(fieldset.meterTimer);
    showStatus(fieldset, form.getAttribute("data-msg-saving"), "");
    fieldset.meterTimer = setTimeout(function () { save(form, fieldset); }, QUIET_MS);
  }

  // Saves at once what has not been sent: a choice still settling, or text typed but not yet
  // confirmed by leaving its field.
  function flush(form, fieldset, leaving) {
    if (fieldset.meterTimer || JSON.stringify(fieldsOf(fieldset)) !== fieldset.meterSent) {
      save(form, fieldset, leaving);
    }
  }

  function autosave(form) {
    var fieldsets = form.querySelectorAll("fieldset[data-statement]");
    fieldsets.forEach(function (fieldset) {
      fieldset.meterSent = JSON.stringify(fieldsOf(fieldset));
      fieldset.querySelectorAll('input[type="radio"]').forEach(function (input) {
        input.addEventListener("change", function () { saveWhenSettled(form, fieldset); });
      });
      fieldset.querySelectorAll('textarea, input[type="url"]').forEach(function (input) {
        input.addEventListener("change", function () { save(form, fieldset); });
      });
      fieldset.addEventListener("focusout", function (event) {
        if (!fieldset.contains(event.relatedTarget)) flush(form, fieldset, false);
      });
    });
    function leave() {
      fieldsets.forEach(function (fieldset) { flush(form, fieldset, true); });
    }
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") leave();
    });
    // The form's own post carries every answer of the page: nothing is left to save here.
    form.addEventListener("submit", function () {
      fieldsets.forEach(function (fieldset) {
        clearTimeout(fieldset.meterTimer);
        fieldset.meterTimer = null;
        fieldset.meterSent = JSON.stringify(fieldsOf(fieldset));
      });
    });
  }

  // The knowledge form: the language of the text decides which language's title and summary are
  // required, and in which direction the text is typed.
  function followTextLanguage(select) {
    var update = function () {
      document.querySelectorAll(".meter-knowledge-texts").forEach(function (fieldset) {
        var marker = fieldset.querySelector(".meter-knowledge-required");
        if (marker) marker.hidden = fieldset.getAttribute("data-lang") !== select.value;
      });
      var body = document.getElementById("kf-body");
      var option = select.options[select.selectedIndex];
      if (body && option) {
        body.setAttribute("lang", select.value);
        body.setAttribute("dir", option.getAttribute("data-dir") || "ltr");
      }
    };
    select.addEventListener("change", update);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector('form[data-autosave="on"]');
    if (form) autosave(form);
    var language = document.getElementById("kf-language");
    if (language) followTextLanguage(language);
    document.querySelectorAll("input[data-copy]").forEach(function (input) {
      input.addEventListener("focus", function () { input.select(); });
    });
  });
})();
