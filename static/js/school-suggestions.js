/*
 * School suggestions for the school search (/scholen and /en/schools, issues 4 and 10).
 *
 * Progressive enhancement: without this script the page is a plain GET search form. With it, typing
 * two or more characters shows up to 8 schools from GET /api/v1/schools, and choosing one opens that
 * school's page straight away. Enter without a chosen suggestion still searches as before.
 *
 * Why an ARIA 1.2 combobox and not a native <datalist>: a browser filters a datalist again by the text
 * typed, so schools found by postcode or code would be hidden; Chrome's datalist popup does not grow
 * with text zoom (WCAG 1.4.4) and screen readers announce it unevenly; and a datalist can only fill in
 * a name, not take someone to the school. This follows the APG "list autocomplete" combobox: focus stays
 * in the field, the arrow keys move through the list (aria-activedescendant), Enter opens the chosen
 * school, Escape closes the list, and a polite live region says how many suggestions there are.
 *
 * Rules: served from our own origin (CSP script-src 'self'), no eval, never HTML from data (only
 * textContent). Every text a person sees or hears comes from the page's data- attributes, so it is in
 * the page's language like everything else.
 */
(function () {
	'use strict';

	var DEBOUNCE_MS = 200;
	var MIN_CHARACTERS = 2;
	var MAX_SUGGESTIONS = 8;
	var SCHOOL_CODE = /^[0-9A-Za-z]{6}$/;

	if (!('fetch' in window) || !('AbortController' in window)) return;

	function isSchool(item) {
		return Boolean(item) && typeof item.name === 'string' && typeof item.place === 'string' && typeof item.vestigingscode === 'string' && SCHOOL_CODE.test(item.vestigingscode);
	}

	function enhance(form) {
		var texts = form.dataset;
		var input = form.querySelector('input[name="q"]');
		// Without its texts the script would have to make words up: then the plain search is better.
		if (!input || !input.id || !texts.suggestHref || !texts.suggestLabel || !texts.suggestCount || !texts.suggestCountOne || !texts.suggestNone) return;

		var listId = input.id + '-suggestions';
		var list = document.createElement('ul');
		list.id = listId;
		list.className = 'school-suggestions';
		list.setAttribute('role', 'listbox');
		list.setAttribute('aria-label', texts.suggestLabel);
		list.hidden = true;

		// In the page from the start: live regions added together with their text are often not read.
		var status = document.createElement('div');
		status.className = 'visually-hidden';
		status.setAttribute('role', 'status');

		form.appendChild(list);
		form.appendChild(status);
		input.setAttribute('role', 'combobox');
		input.setAttribute('aria-autocomplete', 'list');
		input.setAttribute('aria-expanded', 'false');
		input.setAttribute('aria-controls', listId);

		var schools = [];
		var active = -1;
		var timer = 0;
		var controller = null;

		function isOpen() {
			return !list.hidden;
		}

		function open() {
			list.hidden = false;
			input.setAttribute('aria-expanded', 'true');
		}

		function close() {
			setActive(-1);
			list.hidden = true;
			input.setAttribute('aria-expanded', 'false');
		}

		function setActive(index) {
			var options = list.children;
			if (active >= 0 && options[active]) options[active].setAttribute('aria-selected', 'false');
			active = index;
			var option = index >= 0 ? options[index] : undefined;
			if (option) {
				option.setAttribute('aria-selected', 'true');
				input.setAttribute('aria-activedescendant', option.id);
				option.scrollIntoView({ block: 'nearest' });
			} else {
				input.removeAttribute('aria-activedescendant');
			}
		}

		function announce(text) {
			status.textContent = text;
		}

		function clear() {
			if (controller) controller.abort();
			controller = null;
			schools = [];
			close();
			list.textContent = '';
			announce('');
		}

		function choose(index) {
			var school = schools[index];
			if (school) window.location.assign(texts.suggestHref.replace('{code}', encodeURIComponent(school.vestigingscode)));
		}

		function show(found) {
			schools = found;
			active = -1;
			input.removeAttribute('aria-activedescendant');
			list.textContent = '';
			found.forEach(function (school, index) {
				var option = document.createElement('li');
				option.id = listId + '-' + index;
				option.className = 'school-suggestions__option';
				option.setAttribute('role', 'option');
				option.setAttribute('aria-selected', 'false');
				var name = document.createElement('span');
				name.textContent = school.name;
				// Screen readers would run the name and the place together without a pause.
				var pause = document.createElement('span');
				pause.className = 'visually-hidden';
				pause.textContent = ', ';
				var place = document.createElement('span');
				place.className = 'school-suggestions__place';
				place.textContent = school.place + (typeof school.postcode === 'string' && school.postcode ? ' · ' + school.postcode : '');
				option.append(name, pause, place);
				list.appendChild(option);
			});
			if (found.length > 0) open();
			else close();
			announce(found.length === 0 ? texts.suggestNone : found.length === 1 ? texts.suggestCountOne : texts.suggestCount.replace('{count}', String(found.length)));
		}

		function suggest(query) {
			// Only the newest question counts: an older, slower answer must not replace it.
			if (controller) controller.abort();
			var current = new AbortController();
			controller = current;
			var url = form.dataset.schoolSuggest + '?q=' + encodeURIComponent(query);
			fetch(url, { signal: current.signal, headers: { accept: 'application/json' }, credentials: 'same-origin' })
				.then(function (response) {
					if (!response.ok) throw new Error('status ' + response.status);
					return response.json();
				})
				.then(function (body) {
					if (current.signal.aborted || document.activeElement !== input) return;
					var items = body && Array.isArray(body.items) ? body.items : [];
					show(items.filter(isSchool).slice(0, MAX_SUGGESTIONS));
				})
				.catch(function () {
					// Aborted, offline or a server error: no suggestions, and the search button works as always.
					if (!current.signal.aborted) clear();
				});
		}

		input.addEventListener('input', function () {
			clearTimeout(timer);
			var query = input.value.replace(/\s+/g, ' ').trim();
			if (query.length < MIN_CHARACTERS) {
				clear();
				return;
			}
			timer = setTimeout(function () {
				suggest(query);
			}, DEBOUNCE_MS);
		});

		input.addEventListener('keydown', function (event) {
			if (event.isComposing) return;
			var count = schools.length;
			switch (event.key) {
				case 'ArrowDown':
					if (count === 0) return;
					event.preventDefault();
					if (!isOpen()) {
						open();
						// Alt+Down only opens the list (APG).
						setActive(event.altKey ? -1 : 0);
					} else {
						setActive((active + 1) % count);
					}
					return;
				case 'ArrowUp':
					if (count === 0) return;
					event.preventDefault();
					if (!isOpen()) open();
					setActive(active <= 0 ? count - 1 : active - 1);
					return;
				case 'Enter':
					if (isOpen() && active >= 0) {
						event.preventDefault();
						choose(active);
					}
					return;
				case 'Escape':
					// A search field clears itself on Escape; with the list open, Escape only closes the list.
					if (isOpen()) {
						event.preventDefault();
						close();
					}
					return;
				case 'ArrowLeft':
				case 'ArrowRight':
				case 'Home':
				case 'End':
					// Moving the cursor in the text puts the attention back on the field.
					setActive(-1);
					return;
				case 'Tab':
					close();
					return;
			}
		});

		input.addEventListener('blur', function () {
			clearTimeout(timer);
			close();
		});
		form.addEventListener('submit', function () {
			clearTimeout(timer);
			if (controller) controller.abort();
			close();
		});

		// Keep the focus in the field when a suggestion is pressed, so the list does not close first.
		list.addEventListener('mousedown', function (event) {
			event.preventDefault();
		});
		list.addEventListener('click', function (event) {
			var option = event.target instanceof Element ? event.target.closest('[role="option"]') : null;
			if (option) choose(Array.prototype.indexOf.call(list.children, option));
		});

		// Back from a school page (back/forward cache): start with the list closed.
		window.addEventListener('pageshow', function () {
			close();
		});
	}

	Array.prototype.forEach.call(document.querySelectorAll('form[data-school-suggest]'), enhance);
})();
