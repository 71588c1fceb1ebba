// The copy-desk form: size check and a "Checking..." state. Text is only ever written with
// textContent; nothing the user pastes or uploads is turned into markup.
(function () {
  'use strict';
  var form = document.getElementById('desk');
  var status = document.getElementById('status');
  var submit = document.getElementById('submit');
  var file = document.getElementById('file');
  var text = document.getElementById('text');
  var maxBytes = parseInt(form.dataset.maxBytes, 10) || 0;

  function say(message, warn) {
    status.textContent = message;
    status.classList.toggle('warn', !!warn);
  }

  function totalSize() {
    var total = new Blob([text.value, document.getElementById('source').value]).size;
    [file, document.getElementById('source_file')].forEach(function (input) {
      if (input.files && input.files[0]) { total += input.files[0].size; }
    });
    return total;
  }

  file.addEventListener('change', function () {
    if (file.files && file.files[0]) {
      say('The file ' + file.files[0].name + ' will be checked' + (text.value.trim() ? ' (the pasted text is ignored).' : '.'), false);
    } else {
      say('', false);
    }
  });

  form.addEventListener('submit', function (event) {
    var hasFile = file.files && file.files.length > 0;
    if (!hasFile && !text.value.trim()) {
      event.preventDefault();
      say('Paste an article or choose a file to check.', true);
      text.focus();
      return;
    }
    if (maxBytes && totalSize() > maxBytes) {
      event.preventDefault();
      say('Too large: this server takes up to ' + maxBytes + ' bytes per request.', true);
      return;
    }
    say('Checking\u2026', false);
    submit.disabled = true;
    submit.textContent = 'Checking\u2026';
  });

  // Coming back with the Back button: the form is usable again.
  window.addEventListener('pageshow', function () {
    submit.disabled = false;
    submit.textContent = 'Check article';
  });
})();
