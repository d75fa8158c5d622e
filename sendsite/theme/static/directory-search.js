// Search and filters for the Local Offer directory: an enhancement only.
//
// Without JavaScript the form stays hidden and families browse the category, need, area and
// age pages. With it, this script shows the form, asks the Pagefind index (built with the site
// into pagefind/) for matching services, shows them without a page load, keeps the search in
// the address (?q=&category=&need=&area=&age=) so it can be shared, bookmarked or reloaded, and
// puts the number of results in a live region so screen readers announce it.
//
// Families type as they speak: 'autsim 7 north dorset', 'respite', 'ASD'. Pagefind matches
// words exactly, so before it is asked the words are read with the site's own vocabulary
// (search-terms.json, made from the content): a need, area or type of help named in the words,
// by its label or one of the taxonomy's 'also' words, becomes that filter; an age from 0 to 25
// becomes that age; a glossary term is searched with its other spellings; a word no service
// uses is corrected to the nearest one that is (one or two letters out), and the status says
// so; a word with no near match finds nothing, rather than every service.

const FILTERS = ["category", "need", "area", "age", "day"];
const STALE = new Error("a newer search has begun");
// Tick boxes (venue and delivery facts): every kind of access ticked, and any way of taking part.
const CHECKS = { access: "all", delivery: "any", cost: "all" };
const BATCH = 20; // results drawn at a time; "Show more" draws the next batch
const DELAY = 250; // ms to wait for the next key when the words end inside a word
const MAX_AGE = 25;
// Words that say nothing about which service: left out of the words searched for.
const FILLER = new Set(
  (
    "a an the and or for of in on at to with from by near around is are my our his her their " +
    "i me we us child childs children son daughter kid kids young person people age aged ages " +
    "year years yr yrs old help support service services"
  ).split(" "),
);

const section = document.querySelector("[data-search]");
if (section) {
  section.hidden = false;
  if (section.dataset.search === "entry") {
    enhanceEntryForm(section);
  } else {
    enhanceResults(section);
  }
}

// The form on the home page: go to the directory with only the fields that are filled in.
function enhanceEntryForm(root) {
  const form = root.querySelector("form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = queryFromForm(form).toString();
    window.location.assign(form.action + (query ? `?${query}` : ""));
  });
}

function queryFromForm(form) {
  const params = new URLSearchParams();
  const words = form.elements.q.value.trim();
  if (words) params.set("q", words);
  for (const name of FILTERS) {
    const value = form.elements[name].value;
    if (value) params.set(name, value);
  }
  for (const name of Object.keys(CHECKS)) {
    for (const box of ticks(form, name)) if (box.checked) params.append(name, box.value);
  }
  return params;
}

function ticks(form, name) {
  return [...form.querySelectorAll(`input[type="checkbox"][name="${name}"]`)];
}

function enhanceResults(root) {
  const form = root.querySelector("form");
  const status = root.querySelector("#search-status");
  const results = root.querySelector("#search-results");
  const more = root.querySelector("#search-more");
  const clear = root.querySelector("[data-search-clear]");
  const browse = document.querySelectorAll("[data-search-hide]");
  const level = Number(results.dataset.level || "3");
  let pagefind = null;
  let vocabulary = null;
  let loading = null;
  let latest = 0; // number of the newest search, so a slow older one never overwrites it
  // Pagefind answers one search at a time, in the order asked (a search of 4,000 services takes
  // 50 to 300 ms). Each waits for the one before to be answered and is not asked at all once a
  // newer search has begun: keys typed while one is worked out never queue up searches for
  // words no longer in the box, so the newest waits for one search at the most.
  let pagefindFree = Promise.resolve();
  let pending = [];
  let groups = [];
  let total = 0; // results of the newest search, shown or not
  let summary = "";
  let timer = 0;
  let keys = 0; // number of the newest key typed, so an older key's handler stands down
  let asked = null; // what the newest search asks for, so a key that changes nothing (a space) asks nothing again
  // Near me: { point: [lat, lon], code: "DT1" or null for the browser's location, label }.
  let near = null;
  let nearAsked = new URLSearchParams(window.location.search).get("near");
  let nearModule = null;
  let places = null;
  let distances = new Map();
  const nearForm = root.querySelector("[data-near-me]");
  const nearNote = root.querySelector("#near-status");
  if (nearForm) enhanceNearMe();

  restoreFromAddress(form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    run(true);
  });
  // A key that ends a word the site uses (or a number, or a word it does not use at all)
  // searches at once; one that leaves the start of longer words ('autis') waits DELAY ms for
  // the next key, as a search for a few letters matches almost every service and is slow. A
  // newer search drops the older one's answer (see pagefindFree), so results follow the words.
  form.addEventListener("input", async (event) => {
    window.clearTimeout(timer);
    const key = ++keys;
    if (event.target !== form.elements.q) {
      run(false);
      return;
    }
    // The word list tells a finished word from the start of one.
    await load().catch(() => {});
    if (key !== keys) return;
    if (midWord(form.elements.q.value, vocabulary)) timer = window.setTimeout(() => run(false), DELAY);
    else run(false);
  });
  // Pagefind and the word list start loading when the family comes to the form, so the first
  // search does not wait for them; a family who only browses never downloads them.
  form.addEventListener("focusin", () => load().catch(() => {}), { once: true });
  clear.addEventListener("click", (event) => {
    event.preventDefault();
    form.reset();
    near = null;
    nearAsked = null;
    if (nearForm) nearForm.reset();
    run(false);
    form.elements.q.focus();
  });
  more.addEventListener("click", () => showMoreFromButton(latest));
  // A search in the address was asked for on another page (the home page's form, a shared
  // link): its answer is what the family is waiting for, so focus goes to it.
  run(window.location.search.length > 1);

  function load() {
    if (loading === null) {
      loading = Promise.all([loadPagefind(root.dataset.pagefindUrl), loadVocabulary(root.dataset.termsUrl)]).then(
        ([index, terms]) => {
          pagefind = index;
          vocabulary = terms;
          return pagefind;
        },
      );
      // A failed load (offline for a moment) is tried again by the next search.
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
  }

  function loadPagefind(address) {
    return import(address).then(async (module) => {
      // Result addresses are site-relative; the base URL puts the site's sub-path in front.
      await module.options({ baseUrl: root.dataset.baseUrl });
      await module.init();
      return module;
    });
  }

  // Pagefind for the search numbered `number`: its searches wait their turn (pagefindFree),
  // and fail with STALE instead of being asked once a newer search has begun.
  function searcher(index, number) {
    return {
      search(term, options) {
        const turn = pagefindFree.then(() => {
          if (number !== latest) throw STALE;
          return index.search(term, options);
        });
        pagefindFree = turn.catch(() => {});
        return turn;
      },
    };
  }

  async function run(moveFocus) {
    const params = queryFromForm(form);
    if (near !== null && near.code) params.set("near", near.code);
    else if (near === null && nearAsked) params.set("near", nearAsked);
    const address = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (address ? `?${address}` : ""));
    const typed = params.get("q");
    const chosen = {};
    for (const name of FILTERS) {
      if (params.has(name)) chosen[name] = params.get(name);
    }
    for (const [name, how] of Object.entries(CHECKS)) {
      const values = params.getAll(name);
      if (values.length > 0) chosen[name] = how === "any" ? { any: values } : values;
    }
    const active = typed !== null || Object.keys(chosen).length > 0 || near !== null || Boolean(nearAsked);
    // Read now if the word list is here, so that words read as the newest search read them
    // (a space typed after a word) leave that search to finish rather than start it again.
    let reading = active && pagefind !== null ? readWords(typed || "", chosen, vocabulary) : null;
    const plan = reading === null ? null : JSON.stringify([reading, near, nearAsked]);
    if (!moveFocus && plan !== null && plan === asked) return;
    asked = plan;
    const number = ++latest;
    for (const element of browse) element.hidden = active;
    if (!active) {
      results.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    let found;
    try {
      const index = await load();
      if (number !== latest) return;
      if (reading === null) reading = readWords(typed || "", chosen, vocabulary);
      found = await find(searcher(index, number), reading, vocabulary);
      if (nearAsked && near === null) await nearFromDistrict(nearAsked, false);
      if (near !== null) found = await sortByDistance(found);
    } catch (error) {
      if (number !== latest) return;
      asked = null;
      for (const element of browse) element.hidden = false;
      results.replaceChildren();
      more.hidden = true;
      status.textContent = "Search is not working at the moment. You can still browse the services below.";
      return;
    }
    if (number !== latest) return;
    total = found.reduce((sum, group) => sum + group.results.length, 0);
    groups = found.map((group) => ({ ...group, list: null }));
    pending = found.flatMap((group, at) => group.results.map((result) => ({ result, at })));
    results.replaceChildren();
    // Nothing found: the browse lists come back, so the family has somewhere to go next.
    if (total === 0) for (const element of browse) element.hidden = false;
    await showMore(number);
    if (number !== latest) return;
    summary = describe(total, form, reading) + nearSummary();
    status.textContent = summary + progress(0, shownCount(), total);
    if (moveFocus) {
      status.focus({ preventScroll: true });
      status.scrollIntoView({ block: "start" });
    }
  }

  function shownCount() {
    return results.querySelectorAll(".card").length;
  }

  async function showMore(number) {
    const batch = pending.slice(0, BATCH);
    pending = pending.slice(BATCH);
    const records = await Promise.all(batch.map((item) => item.result.data()));
    if (number !== latest) return null;
    const grouped = groups.length > 1;
    const cards = records.map((record, i) => {
      const group = groups[batch[i].at];
      const made = card(record, grouped ? level + 1 : level);
      const away = distances.get(batch[i].result.id);
      if (near !== null && away !== undefined) {
        made.querySelector(".card__title").after(element("p", "card__distance", nearModule.milesAway(away)));
      }
      groupList(group, grouped).append(made);
      return made;
    });
    more.hidden = pending.length === 0;
    return cards;
  }

  async function loadNear() {
    if (nearModule === null) {
      [nearModule, places] = await Promise.all([
        import(root.dataset.nearUrl),
        fetch(root.dataset.placesUrl).then((response) => (response.ok ? response.json() : {})),
      ]);
    }
    return nearModule;
  }

  function enhanceNearMe() {
    nearForm.hidden = false;
    const input = nearForm.elements.near;
    if (nearAsked) input.value = nearAsked;
    nearForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const typed = input.value.trim();
      if (!typed) {
        near = null;
        nearAsked = null;
        nearNote.textContent = "";
        run(true);
        return;
      }
      await load();
      if (await nearFromDistrict(typed, true)) run(true);
    });
    const here = nearForm.querySelector("[data-near-here]");
    if (!("geolocation" in navigator)) {
      here.hidden = true;
      return;
    }
    here.addEventListener("click", async () => {
      // Everything the sort needs is loaded first, so nothing is fetched once the location is known.
      await Promise.all([load(), loadNear()]);
      nearNote.textContent = "Finding where you are…";
      navigator.geolocation.getCurrentPosition(
        (position) => {
          near = { point: [position.coords.latitude, position.coords.longitude], code: null, label: "where you are" };
          nearAsked = null;
          input.value = "";
          nearNote.textContent = "";
          run(true);
        },
        () => {
          nearNote.textContent = "Your browser did not give your location. Type the first half of your postcode instead.";
        },
        { maximumAge: 600000, timeout: 15000 },
      );
    });
  }

  // A district typed or in the address; false (and a message) when the site knows no place there.
  async function nearFromDistrict(typed, say) {
    const module = await loadNear();
    const code = module.district(typed);
    const districts = vocabulary && vocabulary.districts ? vocabulary.districts : {};
    if (code === null || !(code in districts)) {
      nearAsked = null;
      if (say) {
        const known = module.knownNear(code, districts).join(", ");
        nearNote.textContent =
          code === null
            ? `“${typed}” is not the start of a postcode. Type the first half of yours, such as ${known}.`
            : `No service in the directory has a place in ${code}, so we cannot sort by it. Try a district nearby, such as ${known}.`;
      }
      return false;
    }
    near = { point: districts[code], code, label: code };
    nearAsked = null;
    nearNote.textContent = "";
    return true;
  }

  async function sortByDistance(found) {
    const module = await loadNear();
    distances = new Map();
    return found.map((group) => {
      const sorted = module.byDistance(group.results, places, near.point);
      for (const [id, km] of sorted.km) distances.set(id, km);
      return { ...group, results: sorted.results };
    });
  }

  function nearSummary() {
    if (near === null) return "";
    return ` Nearest first to ${near.label}; services with no place to visit come last.`;
  }

  // Grouped as the browse pages group them: the services for the need asked about, then the
  // ones for any need, each under its own heading with its count.
  function groupList(group, grouped) {
    if (group.list !== null) return group.list;
    group.list = element("ul", "cards");
    if (!grouped) {
      results.append(group.list);
      return group.list;
    }
    const part = element("section", "search__group");
    const heading = element(`h${level}`, "search__group-heading", group.heading);
    heading.append(" ", element("span", "heading-count", plural(group.results.length, "service")));
    part.append(heading);
    if (group.note) part.append(element("p", "search__group-note", group.note));
    part.append(group.list);
    results.append(part);
    return group.list;
  }

  // The button hides itself with the last batch, and stays below the new cards otherwise, so
  // focus moves to the first new result (WCAG 2.4.3) and the status says which ones were added
  // (4.1.3): without this, focus fell to <body> and the next Tab skipped every new result.
  async function showMoreFromButton(number) {
    const before = shownCount();
    const cards = await showMore(number);
    if (cards === null || cards.length === 0) return;
    cards[0].querySelector("a").focus();
    status.textContent = summary + progress(before, shownCount(), total);
  }
}

async function loadVocabulary(address) {
  // Without the word list the search still works, as plain Pagefind.
  try {
    const response = await fetch(address);
    if (!response.ok) return null;
    const data = await response.json();
    return {
      facets: data.facets,
      districts: data.districts || {},
      synonyms: data.synonyms.map((group) => group.map(split)),
      words: new Set(data.words),
      list: data.words,
    };
  } catch (error) {
    return null;
  }
}

// True while the words end inside a word: one or two letters, or only the start of longer
// words the site uses ('autis', 'therap'); the family is most likely still typing it.
function midWord(text, vocabulary) {
  if (!/[\p{L}\p{N}]$/u.test(text)) return false;
  const words = tokens(text);
  const last = words[words.length - 1];
  if (/^\d+$/.test(last)) return false;
  if (last.length < 3) return true;
  return vocabulary !== null && !vocabulary.words.has(last) && vocabulary.list.some((known) => known.startsWith(last));
}

function split(text) {
  return text.split(" ").filter(Boolean);
}

// Words as the site's word list holds them: lower case, apostrophes dropped, split at
// anything that is not a letter or a digit.
function tokens(text) {
  return text.toLowerCase().replace(/['’]/g, "").match(/[\p{L}\p{N}]+/gu) || [];
}

// What the words ask for: { filters, texts (the word lists to search, one per spelling),
// corrected: [[typed, read]], unknown: [typed], named: [[facet, id]], years }.
function readWords(typed, chosen, vocabulary) {
  const filters = { ...chosen };
  const reading = { filters, texts: [], corrected: [], unknown: [], named: [], years: null, plain: typed.trim() };
  if (vocabulary === null) {
    if (typed.trim()) reading.texts = [typed.trim()];
    return reading;
  }
  const words = tokens(typed).map((word) => {
    const read = correct(word, vocabulary);
    if (read === null) {
      reading.unknown.push(word);
      return null;
    }
    if (read !== word) reading.corrected.push([word, read]);
    return read;
  });
  const rest = [];
  for (let i = 0; i < words.length; ) {
    if (words[i] === null) {
      i += 1;
      continue;
    }
    const named = nameAt(words, i, vocabulary.facets, filters);
    if (named !== null) {
      filters[named.facet] = named.id;
      reading.named.push([named.facet, named.id]);
      i += named.length;
      continue;
    }
    const age = /^\d+$/.test(words[i]) ? Number(words[i]) : NaN;
    if (age <= MAX_AGE && reading.years === null && !("age" in chosen)) {
      reading.years = age;
      i += 1;
      continue;
    }
    const synonym = synonymAt(words, i, vocabulary.synonyms);
    if (synonym !== null) {
      rest.push(synonym.spellings);
      i += synonym.length;
      continue;
    }
    if (!FILLER.has(words[i])) rest.push([[words[i]]]);
    i += 1;
  }
  if (reading.years !== null) filters.years = String(reading.years);
  reading.texts = spellings(rest);
  const asked = reading.named.length > 0 || reading.years !== null || Object.keys(filters).length > 0;
  // Only everyday words ('my child'): search them as typed rather than show nothing.
  if (reading.texts.length === 0 && reading.unknown.length === 0 && !asked && typed.trim()) {
    reading.texts = [typed.trim()];
  }
  return reading;
}

// Every way of writing the words, one choice of spelling per glossary term (at most four).
function spellings(rest) {
  let texts = [[]];
  for (const choices of rest) {
    texts = texts.flatMap((text) => choices.map((choice) => [...text, ...choice])).slice(0, 4);
  }
  return rest.length === 0 ? [] : texts.map((text) => text.join(" "));
}

// The longest need, area or type of help named at words[i] whose filter is still free.
function nameAt(words, i, facets, filters) {
  let best = null;
  for (const facet of ["need", "area", "category"]) {
    if (facet in filters) continue;
    for (const term of facets[facet]) {
      for (const phrase of term.words) {
        const length = matches(words, i, split(phrase));
        if (length > 0 && (best === null || length > best.length)) best = { facet, id: term.id, length };
      }
    }
  }
  return best;
}

function synonymAt(words, i, synonyms) {
  let best = null;
  for (const group of synonyms) {
    for (const phrase of group) {
      const length = matches(words, i, phrase);
      if (length > 0 && (best === null || length > best.length)) best = { spellings: group, length };
    }
  }
  return best;
}

function matches(words, i, phrase) {
  if (phrase.length === 0 || i + phrase.length > words.length) return 0;
  return phrase.every((word, k) => words[i + k] === word) ? phrase.length : 0;
}

// The word itself when services use it (or start with it, as when still typing), else the
// nearest word they use: one letter out for short words, two for long ones; null when none is.
function correct(word, vocabulary) {
  if (/^\d+$/.test(word) || FILLER.has(word) || vocabulary.words.has(word)) return word;
  if (word.length >= 3 && vocabulary.list.some((known) => known.startsWith(word))) return word;
  if (word.length < 4) return null;
  const most = word.length <= 5 ? 1 : 2;
  let best = null;
  let bestDistance = most + 1;
  for (const known of vocabulary.list) {
    if (Math.abs(known.length - word.length) > most || /^\d/.test(known)) continue;
    const distance = editDistance(word, known, bestDistance);
    // On a tie the word keeping the typed first letter wins: people rarely mistype that one.
    if (distance < bestDistance || (distance === bestDistance && best !== null && best[0] !== word[0] && known[0] === word[0])) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

// Optimal string alignment distance (a swap of two letters counts as one), stopping early
// once every path is at least `limit`.
function editDistance(a, b, limit) {
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before !== null && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current.push(value);
      smallest = Math.min(smallest, value);
    }
    if (smallest >= limit) return limit;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

// The results, in groups: [{ heading, note, results }].
async function find(index, reading, vocabulary) {
  // Only words no service uses, and nothing else to go on: no services, never all of them.
  const asked = reading.named.length > 0 || reading.years !== null;
  if (reading.unknown.length > 0 && reading.texts.length === 0 && !asked) {
    return [{ heading: "", results: [] }];
  }
  const filters = reading.filters;
  const texts = reading.texts.length > 0 ? reading.texts : [null];
  // `ordered` false: only which services, not their order, is wanted (Pagefind need not sort).
  const search = async (extra, ordered = true) => {
    const all = await Promise.all(
      texts.map((text) =>
        index.search(text, text || !ordered ? { filters: { ...filters, ...extra } } : { filters: { ...filters, ...extra }, sort: { name: "asc" } }),
      ),
    );
    return merge(all.map((answer) => answer.results), texts[0] === null);
  };
  const need = reading.filters.need;
  const area = reading.filters.area;
  // Without other words, a need or type of help named in the words ranks the services by how
  // much their pages say about it (its label and 'also' words), then by name.
  // Each word on its own: Pagefind wants every word of a search on the page.
  const rankWords = texts[0] === null ? namedWords(reading, vocabulary) : [];
  const [found, anyNeed, anyArea, ...ranked] = await Promise.all([
    search({}),
    need ? search({ need: [need, "any"] }, false) : Promise.resolve([]),
    area ? search({ area: [area, "any"] }, false) : Promise.resolve([]),
    ...rankWords.map((word) => index.search(word, { filters }).then((answer) => answer.results)),
  ]);
  const score = new Map();
  for (const result of ranked.flat()) score.set(result.id, (score.get(result.id) || 0) + result.score);
  const byWords = rankWords.length > 0 ? stable(found, (result) => -(score.get(result.id) || 0)) : found;
  // Then the services just for the area asked about come before those for every area.
  const everywhere = new Set(anyArea.map((result) => result.id));
  const ordered = texts[0] === null && area ? stable(byWords, (result) => (everywhere.has(result.id) ? 1 : 0)) : byWords;
  if (!need) return [{ heading: "", results: ordered }];
  const forAny = new Set(anyNeed.map((result) => result.id));
  const label = optionLabel("need", need);
  return [
    { heading: `For ${label}`, results: ordered.filter((result) => !forAny.has(result.id)) },
    {
      heading: "For any need",
      note: "These services help with any need, so they are listed once, here.",
      results: ordered.filter((result) => forAny.has(result.id)),
    },
  ].filter((group) => group.results.length > 0);
}

// The words naming the need or type of help asked for that services use (at most six).
function namedWords(reading, vocabulary) {
  if (vocabulary === null) return [];
  const words = new Set();
  for (const [facet, id] of reading.named) {
    if (facet === "area") continue;
    const term = vocabulary.facets[facet].find((entry) => entry.id === id);
    for (const word of term ? term.words.flatMap(split) : []) {
      if (!FILLER.has(word) && vocabulary.words.has(word)) words.add(word);
    }
  }
  return [...words].slice(0, 6);
}

// One list from the searches of each spelling: each service once, at its best score.
function merge(lists, byName) {
  if (lists.length === 1) return lists[0];
  const best = new Map();
  for (const list of lists) {
    for (const result of list) {
      const seen = best.get(result.id);
      if (seen === undefined || result.score > seen.score) best.set(result.id, result);
    }
  }
  const merged = [...best.values()];
  return byName ? merged : merged.sort((a, b) => b.score - a.score);
}

function stable(list, rank) {
  return list.map((item, at) => [rank(item), at, item]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((entry) => entry[2]);
}

function optionLabel(name, value) {
  const select = document.getElementById(`search-${name}`);
  const option = select ? [...select.options].find((o) => o.value === value) : undefined;
  return option ? option.text : value;
}

function plural(count, word) {
  return `${count} ${count === 1 ? word : `${word}s`}`;
}

// " Showing 21 to 40." after "N services found …" when not all results fit in one batch.
function progress(from, to, total) {
  if (to >= total && from === 0) return "";
  const shown = ` Showing ${from + 1} to ${to} of ${total}.`;
  return to >= total ? `${shown} That is all of them.` : shown;
}

// "3 services found for “swimming”, Autism, 5 to 10 years." and what was read from the words.
function describe(count, form, reading) {
  const chosen = [];
  const named = new Map(reading.named);
  const words = reading.texts.length > 0 ? reading.texts[0] : "";
  const understood = reading.named.length > 0 || reading.years !== null || reading.corrected.length > 0 || reading.unknown.length > 0;
  if (reading.plain && (!understood || count === 0)) chosen.push(`“${reading.plain}”`);
  else if (words) chosen.push(`“${words}”`);
  for (const name of FILTERS) {
    const select = form.elements[name];
    if (select.value) chosen.push(select.options[select.selectedIndex].text);
    else if (named.has(name)) chosen.push(optionLabel(name, named.get(name)));
  }
  for (const [name, how] of Object.entries(CHECKS)) {
    const labels = ticks(form, name).filter((box) => box.checked).map((box) => box.labels[0].textContent.trim());
    if (labels.length > 0) chosen.push(labels.join(how === "any" ? " or " : ", "));
  }
  if (reading.years !== null) chosen.push(`age ${reading.years}`);
  if (chosen.length === 0 && reading.plain) chosen.push(`“${reading.plain}”`);
  const found = count === 0 ? "No services found" : `${plural(count, "service")} found`;
  const notes = [];
  for (const [typed, read] of reading.corrected) notes.push(` We searched for “${read}” instead of “${typed}”.`);
  if (reading.unknown.length > 0) {
    const list = reading.unknown.map((word) => `“${word}”`).join(", ");
    notes.push(count === 0 ? "" : ` No service uses the word ${list}, so it was left out.`);
  }
  const hint = count === 0 ? " Try other words or fewer filters, or browse services by age, area or need below." : "";
  const asked = chosen.length > 0 ? ` for ${chosen.join(", ")}` : "";
  return `${found}${asked}.${notes.join("")}${hint}`;
}

function restoreFromAddress(form) {
  const params = new URLSearchParams(window.location.search);
  form.elements.q.value = params.get("q") || "";
  for (const name of FILTERS) {
    const select = form.elements[name];
    const wanted = params.get(name) || "";
    // An unknown value (an old or mistyped link) falls back to "any" rather than no results.
    select.value = [...select.options].some((option) => option.value === wanted) ? wanted : "";
  }
  let venue = form.elements.day.value !== "";
  for (const name of Object.keys(CHECKS)) {
    const wanted = params.getAll(name);
    for (const box of ticks(form, name)) {
      box.checked = wanted.includes(box.value);
      venue = venue || box.checked;
    }
  }
  // A shared link with these filters shows them, ticked, rather than folded away.
  const fold = form.querySelector("[data-search-venue]");
  if (fold && venue) fold.open = true;
}

// One result, drawn like the theme's service cards; text only, never HTML from the index.
function card(record, level) {
  const meta = record.meta || {};
  const item = element("li", "card");
  // The service's id, from its address (/services/ID/): shortlist.js gives the card its Save button.
  const id = /\/services\/([a-z0-9-]+)\/$/.exec(new URL(record.url, window.location.href).pathname);
  if (id) item.dataset.serviceId = id[1];
  const heading = element(`h${level}`, "card__title");
  const link = element("a", "", meta.title || record.url);
  link.href = record.url;
  heading.append(link);
  item.append(heading);
  if (meta.summary) item.append(element("p", "card__summary", meta.summary));
  const facts = element("dl", "facts");
  for (const [label, key] of [
    ["Ages", "ages"],
    ["Areas", "areas"],
    ["Needs", "needs"],
    ["Type of help", "categories"],
    ["Run by", "organisation"],
  ]) {
    if (!meta[key]) continue;
    const row = element("div", "facts__row");
    row.append(element("dt", "", label), element("dd", "", meta[key]));
    facts.append(row);
  }
  item.append(facts);
  return item;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
