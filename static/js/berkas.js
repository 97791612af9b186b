// The browser's own file picker speaks the browser's language ("Choose File / No file chosen").
// Replace its visible part with an Indonesian button and file name; the real input stays in the form.
document.querySelectorAll('input[type="file"].form-control').forEach(function (input) {
  if (input.dataset.berkasId) { return; }
  input.dataset.berkasId = "1";
  var group = document.createElement("div");
  group.className = "input-group";
  var tombol = document.createElement("button");
  tombol.type = "button";
  tombol.className = "btn btn-outline-secondary";
  tombol.textContent = "Pilih berkas";
  var nama = document.createElement("span");
  nama.className = "form-control text-truncate text-muted";
  nama.textContent = "Belum ada berkas dipilih";
  nama.setAttribute("aria-live", "polite");
  input.parentNode.insertBefore(group, input);
  group.appendChild(tombol);
  group.appendChild(nama);
  group.appendChild(input);
  input.classList.add("visually-hidden");
  tombol.addEventListener("click", function () { input.click(); });
  nama.addEventListener("click", function () { input.click(); });
  input.addEventListener("change", function () {
    var dipilih = input.files && input.files.length ? input.files[0].name : "";
    nama.textContent = dipilih || "Belum ada berkas dipilih";
    nama.classList.toggle("text-muted", !dipilih);
  });
  if (input.classList.contains("is-invalid")) { nama.classList.add("is-invalid"); }
});
