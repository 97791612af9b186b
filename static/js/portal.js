/* Behaviour every page shares, here rather than in on*= attributes, which the
   Content-Security-Policy does not run. */
(function () {
  "use strict";
  // <form data-konfirmasi="…">: ask before sending a step that cannot be undone.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var pesan = form.getAttribute && form.getAttribute("data-konfirmasi");
    if (pesan && !window.confirm(pesan)) { event.preventDefault(); }
  });
  // <select data-kirim-otomatis>: choosing a value (a year, a Renstra) reloads the page for it.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute("data-kirim-otomatis") && el.form) { el.form.submit(); }
  });
})();
