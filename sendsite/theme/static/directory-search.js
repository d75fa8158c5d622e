// Search and filters for the Local Offer directory: an enhancement only.
//
// Without JavaScript the form stays hidden and families browse the category, need, area and
// age pages. With it, this script shows the form, asks the Pagefind index (built with the site
// into pagefind/) for matching services, shows them without a page load, keeps the search in
// the address (?q=&category=&need=&area=&age=) so it can be shared, bookmarked or reloaded, and
// puts the number of results in a live region so screen readers announce it.

const FILTERS = ["category", "need", "area", "age"];
const BATCH = 20; // results drawn at a time; "Show more" draws the next batch
const DELAY = 250; // ms to wait after typing before searching

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
  return params;
}

function enhanceResults(root) {
  const form = root.querySelector("form");
  const status = root.querySelector("#search-status");
  const list = root.querySelector("#search-results");
  const more = root.querySelector("#search-more");
  const clear = root.querySelector("[data-search-clear]");
  const browse = document.querySelectorAll("[data-search-hide]");
  const level = list.dataset.level || "3";
  let pagefind = null;
  let latest = 0; // number of the newest search, so a slow older one never overwrites it
  let pending = [];
  let total = 0; // results of the newest search, shown or not
  let timer = 0;

  restoreFromAddress(form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    run();
  });
  form.addEventListener("input", (event) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, event.target.tagName === "SELECT" ? 0 : DELAY);
  });
  clear.addEventListener("click", (event) => {
    event.preventDefault();
    form.reset();
    run();
    form.elements.q.focus();
  });
  more.addEventListener("click", () => showMoreFromButton(latest));
  run();

  async function load() {
    if (pagefind === null) {
      pagefind = await import(root.dataset.pagefindUrl);
      // Result addresses are site-relative; the base URL puts the site's sub-path in front.
      await pagefind.options({ baseUrl: root.dataset.baseUrl });
      await pagefind.init();
    }
    return pagefind;
  }

  async function run() {
    const number = ++latest;
    const params = queryFromForm(form);
    const address = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (address ? `?${address}` : ""));
    const words = params.get("q");
    const filters = {};
    for (const name of FILTERS) {
      if (params.has(name)) filters[name] = params.get(name);
    }
    const active = words !== null || Object.keys(filters).length > 0;
    for (const element of browse) element.hidden = active;
    if (!active) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    let search;
    try {
      const index = await load();
      search = await index.search(words, words ? { filters } : { filters, sort: { name: "asc" } });
    } catch (error) {
      if (number !== latest) return;
      for (const element of browse) element.hidden = false;
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Search is not working at the moment. You can still browse the services below.";
      return;
    }
    if (number !== latest) return;
    pending = search.results;
    total = search.results.length;
    list.replaceChildren();
    await showMore(number);
    if (number !== latest) return;
    status.textContent = describe(total, form) + progress(0, list.children.length, total);
  }

  async function showMore(number) {
    const batch = pending.slice(0, BATCH);
    pending = pending.slice(BATCH);
    const records = await Promise.all(batch.map((result) => result.data()));
    if (number !== latest) return null;
    const cards = records.map((record) => card(record, level));
    list.append(...cards);
    more.hidden = pending.length === 0;
    return cards;
  }

  // The button hides itself with the last batch, and stays below the new cards otherwise, so
  // focus moves to the first new result (WCAG 2.4.3) and the status says which ones were added
  // (4.1.3): without this, focus fell to <body> and the next Tab skipped every new result.
  async function showMoreFromButton(number) {
    const before = list.children.length;
    const cards = await showMore(number);
    if (cards === null || cards.length === 0) return;
    cards[0].querySelector("a").focus();
    status.textContent = describe(total, form) + progress(before, list.children.length, total);
  }
}

// " Showing 21 to 40." after "N services found …" when not all results fit in one batch.
function progress(from, to, total) {
  if (to >= total && from === 0) return "";
  const shown = ` Showing ${from + 1} to ${to} of ${total}.`;
  return to >= total ? `${shown} That is all of them.` : shown;
}

// "3 services found for “swimming”, Autism, 5 to 10 years."
function describe(count, form) {
  const chosen = [];
  const words = form.elements.q.value.trim();
  if (words) chosen.push(`“${words}”`);
  for (const name of FILTERS) {
    const select = form.elements[name];
    if (select.value) chosen.push(select.options[select.selectedIndex].text);
  }
  const found = count === 0 ? "No services found" : `${count} ${count === 1 ? "service" : "services"} found`;
  const hint = count === 0 ? " Try fewer words or fewer filters." : "";
  return `${found} for ${chosen.join(", ")}.${hint}`;
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
}

// One result, drawn like the theme's service cards; text only, never HTML from the index.
function card(record, level) {
  const meta = record.meta || {};
  const item = element("li", "card");
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
