// "Near me" for the directory's search: distances worked out in the browser only.
//
// Loaded by directory-search.js when a family asks to sort by distance. A postcode district's
// centre comes from search-terms.json (made from the site's own places); the browser's location
// is asked for only when the family presses "Use my location", and stays in this script: no
// request carries it, and it is never put in the address.

const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)(?:\s*([0-9][A-Z]{2}))?$/;
const EARTH_KM = 6371;
const KM_PER_MILE = 1.609344;

// The postcode district ('DT1') of what was typed: 'dt1', 'DT1 1NF', 'dt11nf'; null if none.
export function district(text) {
  const match = POSTCODE.exec(text.toUpperCase().split(/\s+/).filter(Boolean).join(" "));
  return match ? match[1] : null;
}

// Great-circle distance (haversine) in km between [lat, lon] pairs.
export function distanceKm(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(h));
}

// Results (Pagefind's, each with an id) nearest first, by the nearest of each service's places;
// those with no place to go to keep their order after the rest. `places`: { id: [[lat, lon]] }.
// Returns { results, km } with km a Map of id to distance.
export function byDistance(results, places, point) {
  const km = new Map();
  const keyed = results.map((result, at) => {
    const spots = places[result.id];
    let best = Infinity;
    if (spots) for (const spot of spots) best = Math.min(best, distanceKm(point, spot));
    if (best !== Infinity) km.set(result.id, best);
    return [best, at, result];
  });
  keyed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { results: keyed.map((entry) => entry[2]), km };
}

// "0.4 miles away", "3 miles away", "12 miles away".
export function milesAway(kmAway) {
  const miles = kmAway / KM_PER_MILE;
  if (miles < 1) return "Less than 1 mile away";
  const shown = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles);
  return `${shown} miles away`;
}

// The nearest districts the site knows, for a district it does not: same letters first.
export function knownNear(code, districts) {
  const letters = /^[A-Z]+/.exec(code || "");
  const all = Object.keys(districts);
  const same = letters ? all.filter((name) => /^[A-Z]+/.exec(name)[0] === letters[0]) : [];
  return (same.length > 0 ? same : all).slice(0, 4);
}
