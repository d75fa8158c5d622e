// The shortlist: services a family saves while they look, to see together, print or send.
//
// An enhancement only. Without JavaScript there are no Save buttons and no header link, and the
// shortlist page says what it needs and points to the service pages. With it:
// - each service page and each service card (browse lists and search results) gets a "Save to
//   shortlist" button, and the page's live region says "Saved: Portage (3 on your shortlist)";
// - the header's "Shortlist (3)" link leads to the shortlist page;
// - the shortlist page draws each saved service with its contacts, read from the service's own
//   page (the schema.org data the build writes into it from the content), so a phone fetches only
//   the pages of the services saved, never a file of every service, and a printed list says what
//   the service page says;
// - "Share this list" makes a link, SHORTLIST/?s=ID,ID,ID, that opens the same list elsewhere.
// The list is kept in this browser's localStorage, under a key for this site's address: nothing
// is sent anywhere and no cookie is set. The share link is made here and goes only where the
// family sends it.

const KEY = "sendsite-shortlist";
const MAX = 50; // services a shortlist keeps; more would not be a shortlist
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/; // a service's id, as the content model allows it

const headerLink = document.querySelector("[data-shortlist-link]");
if (headerLink) start(headerLink);

function start(link) {
  const servicesUrl = new URL(link.dataset.servicesUrl, window.location.href).href;
  const ui = {
    store: openStore(`${KEY}:${new URL(servicesUrl).pathname}`),
    servicesUrl,
    shortlistUrl: new URL(link.getAttribute("href"), window.location.href).href,
    link,
    live: document.querySelector("[data-shortlist-live]"),
    toggles: [],
    redraw: () => {},
  };
  const page = document.querySelector("[data-shortlist-page]");
  if (ui.store.kept) {
    link.hidden = false;
    for (const place of document.querySelectorAll("[data-shortlist-save]")) addPageToggle(ui, place);
    for (const card of document.querySelectorAll(".card[data-service-id]")) addCardToggle(ui, card);
    watchSearchResults(ui);
    // Saved or removed in another tab of this site: every button and count follows.
    window.addEventListener("storage", (event) => {
      if (event.key === ui.store.key) refresh(ui);
    });
  }
  if (page) shortlistPage(ui, page);
  refresh(ui);
}

// ---------- Keeping the list ----------

// The list in localStorage, or, where the browser keeps nothing (storage blocked), in memory
// for this page only: then a shared list still shows, but nothing offers to save.
function openStore(key) {
  let kept = true;
  try {
    const probe = `${key}:probe`;
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
  } catch (error) {
    kept = false;
  }
  let memory = [];
  return {
    key,
    kept,
    list() {
      if (!kept) return memory.slice();
      try {
        const data = JSON.parse(window.localStorage.getItem(key) || "null");
        return clean(data && data.services);
      } catch (error) {
        return [];
      }
    },
    save(services) {
      const list = clean(services);
      if (!kept) {
        memory = list;
        return true;
      }
      try {
        window.localStorage.setItem(key, JSON.stringify({ version: 1, services: list }));
        return true;
      } catch (error) {
        return false;
      }
    },
    has(id) {
      return this.list().some((service) => service.id === id);
    },
  };
}

// What was kept, as this script would have written it: [{ id, name }], no id twice, at most MAX.
function clean(services) {
  if (!Array.isArray(services)) return [];
  const seen = new Set();
  const list = [];
  for (const service of services) {
    if (!service || typeof service.id !== "string" || !ID.test(service.id) || seen.has(service.id)) continue;
    seen.add(service.id);
    const name = typeof service.name === "string" && service.name.trim() ? service.name.trim().slice(0, 200) : service.id;
    list.push({ id: service.id, name });
  }
  return list.slice(0, MAX);
}

function onList(count) {
  return count === 0 ? "your shortlist is empty" : `${count} on your shortlist`;
}

function plural(count, word) {
  return `${count} ${count === 1 ? word : `${word}s`}`;
}

// Said by the page's live region. The same words twice in a row are still said.
function announce(ui, words) {
  if (!ui.live) return;
  ui.live.textContent = "";
  window.setTimeout(() => {
    ui.live.textContent = words;
  }, 50);
}

function refresh(ui) {
  const count = ui.store.list().length;
  const number = ui.link.querySelector("[data-shortlist-number]");
  if (number) number.textContent = `(${count})`;
  for (const toggle of ui.toggles) drawToggle(ui, toggle);
  ui.redraw();
}

// Save or remove one service; true when the list changed.
function toggleService(ui, service) {
  const list = ui.store.list();
  const at = list.findIndex((entry) => entry.id === service.id);
  if (at >= 0) {
    list.splice(at, 1);
  } else if (list.length >= MAX) {
    announce(ui, `Your shortlist is full: it keeps ${MAX} services. Remove one to save another.`);
    return false;
  } else {
    list.push({ id: service.id, name: service.name });
  }
  if (!ui.store.save(list)) {
    announce(ui, "This browser did not keep the change: its storage may be full or switched off.");
    return false;
  }
  announce(ui, `${at >= 0 ? "Removed" : "Saved"}: ${service.name} (${onList(list.length)})`);
  refresh(ui);
  return true;
}

// ---------- Save buttons ----------

function makeToggle(ui, service, named) {
  const box = element("div", "shortlist-toggle");
  const state = element("span", "shortlist-toggle__state");
  state.append(element("span", "shortlist-toggle__tick", "✓"), " Saved");
  state.firstChild.setAttribute("aria-hidden", "true");
  const button = element("button", "button button--secondary shortlist-toggle__button");
  button.type = "button";
  box.append(button, state);
  const toggle = { service, state, button, named };
  button.addEventListener("click", () => toggleService(ui, service));
  ui.toggles.push(toggle);
  drawToggle(ui, toggle);
  return box;
}

// The button says what it will do; on a card its name for screen readers names the service
// too, after the words it shows, as every card's button would otherwise sound the same.
function drawToggle(ui, toggle) {
  const saved = ui.store.has(toggle.service.id);
  toggle.state.hidden = !saved;
  const words = saved ? "Remove from shortlist" : "Save to shortlist";
  toggle.button.textContent = words;
  if (toggle.named) toggle.button.setAttribute("aria-label", `${words}: ${toggle.service.name}`);
}

function addPageToggle(ui, place) {
  const service = { id: place.dataset.serviceId, name: place.dataset.serviceName };
  if (!ID.test(service.id || "")) return;
  // A saved service whose name changed since: the list learns the new name.
  const list = ui.store.list();
  const entry = list.find((item) => item.id === service.id);
  if (entry && entry.name !== service.name) {
    entry.name = service.name;
    ui.store.save(list);
  }
  place.prepend(makeToggle(ui, service, false));
  place.hidden = false;
}

function addCardToggle(ui, card) {
  if (card.dataset.shortlistReady) return;
  const id = card.dataset.serviceId;
  const title = card.querySelector(".card__title a");
  if (!ID.test(id || "") || !title) return;
  card.dataset.shortlistReady = "yes";
  const holder = element("div", "card__save");
  holder.append(makeToggle(ui, { id, name: title.textContent.trim() }, true));
  card.append(holder);
}

// The search draws its result cards after the page loads: each gets its button as it comes.
function watchSearchResults(ui) {
  const results = document.querySelector("#search-results");
  if (!results) return;
  new MutationObserver(() => {
    ui.toggles = ui.toggles.filter((toggle) => toggle.button.isConnected);
    for (const card of results.querySelectorAll(".card[data-service-id]")) addCardToggle(ui, card);
  }).observe(results, { childList: true, subtree: true });
}

// ---------- The shortlist page ----------

function shortlistPage(ui, root) {
  const part = (name) => root.querySelector(`[data-shortlist-${name}]`);
  const heading = root.querySelector("h1");
  const count = part("count-text");
  const list = part("list");
  const actions = part("actions");
  const shareBox = part("share-box");
  const linkField = part("link-field");
  const email = part("email");
  const printed = part("printed");
  const siteTitle = root.dataset.siteTitle || document.title;
  const details = new Map(); // id -> Promise of what its page says
  const known = new Map(); // id -> the service's name, as its page or the list says it
  let shared = sharedIds();

  part("no-script").hidden = true;
  part("app").hidden = false;
  // A family opening their own list's link sees their own list, with its buttons.
  if (shared !== null && ui.store.kept && sameIds(shared, ui.store.list())) shared = null;
  if (shared === null && window.location.search) window.history.replaceState(null, "", window.location.pathname);

  const entries = () => (shared === null ? ui.store.list() : shared.map((id) => ({ id, name: null })));
  const shareUrl = () => `${ui.shortlistUrl.split("?")[0]}?s=${entries().map((entry) => entry.id).join(",")}`;

  ui.redraw = draw;
  part("print").addEventListener("click", () => window.print());
  part("share").addEventListener("click", share);
  part("clear").addEventListener("click", clearAll);
  part("keep").addEventListener("click", keepShared);

  function draw() {
    const items = entries();
    const own = shared === null;
    heading.textContent = own ? "Your shortlist" : "A shortlist shared with you";
    if (own) {
      count.textContent = items.length === 0 ? "There is nothing on your shortlist yet." : `You have saved ${plural(items.length, "service")}.`;
    } else {
      count.textContent =
        `Someone shared ${plural(items.length, "service")} with you.` +
        (ui.store.kept ? " To keep them on this device, choose “Keep this list on this device”." : " This browser does not let the site keep a list, so it is shown here only.");
    }
    actions.hidden = items.length === 0;
    part("own-only").hidden = !own;
    part("shared-only").hidden = own || !ui.store.kept;
    part("empty").hidden = items.length > 0;
    if (items.length === 0) shareBox.hidden = true;
    printed.textContent = items.length === 0 ? "" : `From ${siteTitle}, ${today()}. This list online: ${shareUrl()}`;
    list.replaceChildren(...items.map((entry, at) => item(entry, at, own)));
    if (!shareBox.hidden) fillShareBox();
  }

  function item(entry, at, own) {
    const li = element("li", "shortlist-item");
    li.dataset.serviceId = entry.id;
    const pageUrl = `${ui.servicesUrl}${entry.id}/`;
    const title = element("h2", "shortlist-item__title");
    const name = element("a", "", entry.name || "Loading…");
    name.href = new URL(pageUrl).pathname; // site-relative: on paper, its address is printed under it
    title.append(name);
    const body = element("div", "shortlist-item__body");
    body.append(element("p", "shortlist-item__loading", "Loading the contact details…"));
    li.append(title, body);
    if (own) {
      const remove = element("button", "button button--secondary shortlist-item__remove", "Remove from shortlist");
      remove.type = "button";
      remove.setAttribute("aria-label", `Remove from shortlist: ${entry.name}`);
      remove.addEventListener("click", () => removeAt(at));
      const holder = element("p", "shortlist-item__actions");
      holder.append(remove);
      li.append(holder);
    }
    load(entry.id).then((info) => fill(li, name, body, info, pageUrl, entry));
    return li;
  }

  function load(id) {
    if (!details.has(id)) details.set(id, readServicePage(`${ui.servicesUrl}${id}/`));
    return details.get(id);
  }

  function fill(li, name, body, info, pageUrl, entry) {
    if (info.name) {
      known.set(entry.id, info.name);
      name.textContent = info.name;
      const remove = li.querySelector(".shortlist-item__remove");
      if (remove) remove.setAttribute("aria-label", `Remove from shortlist: ${info.name}`);
    }
    body.replaceChildren(...describeService(info, pageUrl, entry));
    if (!shareBox.hidden) fillShareBox();
  }

  function removeAt(at) {
    const items = ui.store.list();
    const entry = items[at];
    if (!entry) return;
    if (!toggleService(ui, entry)) return;
    // Focus goes to the service now in its place, or the one before, or the count.
    const names = list.querySelectorAll(".shortlist-item__title a");
    const next = names[Math.min(at, names.length - 1)];
    (next || count).focus();
  }

  function clearAll() {
    const items = ui.store.list();
    if (items.length === 0) return;
    if (!window.confirm(`Remove all ${plural(items.length, "service")} from your shortlist?`)) return;
    ui.store.save([]);
    announce(ui, "Your shortlist is cleared: it is empty.");
    refresh(ui);
    count.focus();
  }

  // The shared list joins the family's own, after what they had already saved.
  function keepShared() {
    if (shared === null) return;
    const own = ui.store.list();
    const names = new Map(own.map((entry) => [entry.id, entry.name]));
    const added = shared.filter((id) => !names.has(id));
    const joined = [...own];
    for (const id of added) joined.push({ id, name: known.get(id) || id });
    if (!ui.store.save(joined)) {
      announce(ui, "This browser did not keep the list: its storage may be full or switched off.");
      return;
    }
    shared = null;
    window.history.replaceState(null, "", window.location.pathname);
    announce(ui, `Kept on this device: ${onList(ui.store.list().length)}.`);
    refresh(ui);
    count.focus();
  }

  function fillShareBox() {
    const url = shareUrl();
    linkField.value = url;
    const names = entries().map((entry) => `- ${known.get(entry.id) || entry.name || entry.id}`);
    const subject = `A shortlist from ${siteTitle}`;
    const text = `${names.join("\n")}\n\nSee them with their contacts: ${url}`;
    email.href = `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
  }

  async function share() {
    shareBox.hidden = false;
    fillShareBox();
    const url = shareUrl();
    if (navigator.share) {
      try {
        await navigator.share({ title: `A shortlist from ${siteTitle}`, url });
        return;
      } catch (error) {
        if (error && error.name === "AbortError") return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      announce(ui, "Link copied. Paste it into a text, email or message.");
      return;
    } catch (error) {
      // No clipboard here: the link is in the box, selected, to copy by hand.
    }
    linkField.focus();
    linkField.select();
    announce(ui, "Copy the link in the box and send it.");
  }

  draw();
}

// The ids in ?s=, in order, each once, or null when the address has none.
function sharedIds() {
  const value = new URLSearchParams(window.location.search).get("s");
  if (value === null) return null;
  const ids = [];
  for (const id of value.split(",")) {
    const trimmed = id.trim().toLowerCase();
    if (ID.test(trimmed) && !ids.includes(trimmed)) ids.push(trimmed);
  }
  return ids.slice(0, MAX);
}

function sameIds(ids, entries) {
  return ids.length === entries.length && ids.every((id, at) => entries[at].id === id);
}

function today() {
  return new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

// ---------- A service's details, from its own page ----------

// What the service's page says, from the schema.org data the build writes into it:
// { name, organisation, summary, contacts: [{ label, phone, email }], website, places: [{ name, lines }],
//   ages, cost }, or { missing } (no such page now), { closed } (no longer available), { failed }.
async function readServicePage(address) {
  let response;
  try {
    response = await fetch(address, { credentials: "same-origin" });
  } catch (error) {
    return { failed: true };
  }
  if (response.status === 404) return { missing: true };
  if (!response.ok) return { failed: true };
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  const heading = doc.querySelector("main h1");
  const name = heading ? heading.textContent.trim() : null;
  const data = [...doc.querySelectorAll('script[type="application/ld+json"]')]
    .map((script) => {
      try {
        return JSON.parse(script.textContent);
      } catch (error) {
        return null;
      }
    })
    .find((found) => found && found["@type"] === "Service");
  if (!data) return { name, closed: doc.querySelector(".notice--closed") !== null, unread: true };
  const contacts = [];
  const places = [];
  for (const channel of asList(data.availableChannel)) {
    if (channel.serviceLocation) {
      const place = channel.serviceLocation;
      const address = place.address || {};
      const lines = String(address.streetAddress || "")
        .split(",")
        .map((line) => line.trim())
        .filter(Boolean);
      if (address.postalCode) lines.push(String(address.postalCode));
      places.push({ name: text(place.name), lines });
      continue;
    }
    const point = channel.servicePhone || {};
    const email = point.email || (String(channel.serviceUrl || "").startsWith("mailto:") ? channel.serviceUrl.slice(7) : null);
    const label = [text(channel.name), text(point.contactType)].filter(Boolean).join(", ");
    contacts.push({ label, phone: text(point.telephone), email: text(email) });
  }
  const audience = data.audience || {};
  return {
    name: text(data.name) || name,
    organisation: text(data.provider && data.provider.name),
    summary: text(data.description),
    contacts,
    website: text(data.sameAs),
    places,
    ages: ageRange(audience.suggestedMinAge, audience.suggestedMaxAge),
    cost: data.isAccessibleForFree ? "Free" : text(data.offers && data.offers.description),
    page: text(data.url),
  };
}

function asList(value) {
  if (Array.isArray(value)) return value;
  return value ? [value] : [];
}

function text(value) {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

// '0 to 5 years', '1 year', as the service pages say it.
function ageRange(low, high) {
  if (typeof low !== "number" || typeof high !== "number") return null;
  if (low === high) return low === 1 ? "1 year" : `${low} years`;
  return `${low} to ${high} years`;
}

// What a tel: link dials: the number without an extension ("ext 12" stays in the words shown),
// as the service pages' links do.
function dial(phone) {
  const match = /^(.*?)[\s,;]*(?:ext\.?|extension|x)\s*\d{1,6}$/i.exec(phone);
  const number = match ? match[1] : phone;
  return number.replace(/[^\d+]/g, "");
}

function describeService(info, pageUrl, entry) {
  if (info.missing || info.failed || info.unread) {
    const note = element("p", "shortlist-item__problem");
    if (info.missing) {
      note.textContent = "This service is no longer listed. It may have closed or changed its name: find it again in the directory.";
    } else if (info.closed) {
      note.textContent = "This service is no longer available. ";
      const more = element("a", "", "See its page");
      more.href = pageUrl;
      note.append(more, ".");
    } else {
      note.textContent = info.failed
        ? "The contact details did not load. Check your connection and reload the page, or open the service's page. "
        : "The contact details are on the service's page. ";
      const more = element("a", "", `Open the page for ${info.name || entry.name || entry.id}`);
      more.href = pageUrl;
      note.append(more, ".");
    }
    return [note];
  }
  const parts = [];
  if (info.organisation) parts.push(element("p", "shortlist-item__by", `Run by ${info.organisation}`));
  if (info.summary) parts.push(element("p", "shortlist-item__summary", info.summary));
  const facts = element("dl", "facts facts--contact shortlist-item__facts");
  const row = (label, ...value) => {
    const line = element("div", "facts__row");
    const dd = element("dd");
    dd.append(...value);
    line.append(element("dt", "", label), dd);
    facts.append(line);
  };
  for (const contact of info.contacts) {
    if (contact.label) row("Contact", contact.label);
    if (contact.phone) {
      const call = element("a", "", contact.phone);
      call.href = `tel:${dial(contact.phone)}`;
      row("Phone", call);
    }
    if (contact.email) {
      const mail = element("a", "break-anywhere", contact.email);
      mail.href = `mailto:${contact.email}`;
      row("Email", mail);
    }
  }
  if (info.website) {
    const site = element("a", "break-anywhere shortlist-item__website", info.website.replace(/^https?:\/\//, "").replace(/\/$/, ""));
    site.href = info.website;
    row("Website", site);
  }
  for (const place of info.places) {
    const address = element("address", "shortlist-item__address");
    const lines = place.name ? [place.name, ...place.lines] : place.lines;
    lines.forEach((line, at) => {
      if (at > 0) address.append(", ");
      address.append(line);
    });
    row(info.places.length > 1 ? "Place" : "Address", address);
  }
  if (info.contacts.length === 0 && !info.website) {
    const more = element("a", "", "its page");
    more.href = pageUrl;
    row("Contact", "See ", more);
  }
  if (info.ages) row("Ages", info.ages);
  if (info.cost) row("Cost", info.cost);
  parts.push(facts);
  // On paper a link is only its words: the page's address is printed under the service.
  if (info.page) parts.push(element("p", "shortlist-item__page", `More: ${info.page}`));
  return parts;
}

function element(tag, className, words) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (words !== undefined) node.textContent = words;
  return node;
}
