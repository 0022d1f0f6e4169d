/*
 * Drag and drop for evidence uploads (the attachments page of an incident, issue 5).
 *
 * Progressive enhancement: without this script the page has a plain <input type="file" multiple>, and that field
 * stays with it too, for keyboard and screen reader users. The script makes the box around the field a drop zone:
 * files dropped on it are added to the field's own list (through a DataTransfer), so the form sends them exactly
 * like chosen files, and the server checks every one of them. A polite live region says how many files are chosen.
 * Files dropped just outside the box are ignored, instead of the browser leaving the page to open them.
 *
 * Rules: served from our own origin (CSP script-src 'self'), no eval, no HTML from data (only textContent). Every
 * text a person sees or hears comes from the box's data- attributes, so it is in the page's language.
 */
(function () {
	'use strict';

	function canSetFiles() {
		try {
			var transfer = new DataTransfer();
			return typeof transfer.items.add === 'function';
		} catch (error) {
			return false;
		}
	}

	if (!('DataTransfer' in window) || !canSetFiles()) return;

	function hasFiles(event) {
		var types = event.dataTransfer ? event.dataTransfer.types : null;
		return Boolean(types) && Array.prototype.indexOf.call(types, 'Files') !== -1;
	}

	function enhance(zone) {
		var texts = zone.dataset;
		var input = zone.querySelector('input[type="file"]');
		// Without its texts the script would have to make words up: then the plain field is better.
		if (!input || !texts.dropHint || !texts.dropCount || !texts.dropCountOne) return;

		var hint = document.createElement('p');
		hint.className = 'drop-zone__hint';
		hint.textContent = texts.dropHint;
		// In the page from the start: live regions added together with their text are often not read.
		var status = document.createElement('p');
		status.className = 'drop-zone__status';
		status.setAttribute('role', 'status');
		zone.appendChild(hint);
		zone.appendChild(status);

		var depth = 0;

		function announce() {
			var count = input.files ? input.files.length : 0;
			status.textContent = count === 0 ? '' : count === 1 ? texts.dropCountOne : texts.dropCount.replace('{count}', String(count));
		}

		function highlight(on) {
			zone.classList.toggle('drop-zone--over', on);
		}

		zone.addEventListener('dragenter', function (event) {
			if (!hasFiles(event)) return;
			event.preventDefault();
			depth += 1;
			highlight(true);
		});
		zone.addEventListener('dragover', function (event) {
			if (!hasFiles(event)) return;
			event.preventDefault();
			event.dataTransfer.dropEffect = 'copy';
		});
		zone.addEventListener('dragleave', function () {
			depth = Math.max(0, depth - 1);
			if (depth === 0) highlight(false);
		});
		zone.addEventListener('drop', function (event) {
			if (!hasFiles(event)) return;
			event.preventDefault();
			depth = 0;
			highlight(false);
			var dropped = event.dataTransfer.files;
			if (!dropped || dropped.length === 0) return;
			// Add to what was chosen before, so choosing and dropping can be mixed.
			var transfer = new DataTransfer();
			Array.prototype.forEach.call(input.files || [], function (file) {
				transfer.items.add(file);
			});
			Array.prototype.forEach.call(dropped, function (file) {
				transfer.items.add(file);
			});
			input.files = transfer.files;
			input.dispatchEvent(new Event('change', { bubbles: true }));
		});
		input.addEventListener('change', announce);

		// A file dropped next to the box would otherwise be opened by the browser, and the page would be gone.
		window.addEventListener('dragover', function (event) {
			if (hasFiles(event) && !zone.contains(event.target)) {
				event.preventDefault();
				event.dataTransfer.dropEffect = 'none';
			}
		});
		window.addEventListener('drop', function (event) {
			if (hasFiles(event) && !zone.contains(event.target)) event.preventDefault();
		});
	}

	Array.prototype.forEach.call(document.querySelectorAll('[data-evidence-drop]'), enhance);
})();
