// A button marked data-print prints the page (its print layout hides the menus).
for (const button of document.querySelectorAll("[data-print]")) button.addEventListener("click", () => window.print());
