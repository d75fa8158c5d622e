// Reads a _headers and a _redirects file with Netlify's own parsers (the ones its builds and CLI
// use) and prints what they understood, and any errors, as JSON.
import { parseAllHeaders } from "@netlify/headers-parser";
import { parseAllRedirects } from "@netlify/redirect-parser";

const [headersFile, redirectsFile] = process.argv.slice(2);
const headers = await parseAllHeaders({ headersFiles: [headersFile], configHeaders: [], minimal: true });
const redirects = await parseAllRedirects({ redirectsFiles: [redirectsFile], configRedirects: [], minimal: true });
const shown = (errors) => errors.map((error) => String(error.message || error));
console.log(JSON.stringify({
  headers: headers.headers,
  headerErrors: shown(headers.errors),
  redirects: redirects.redirects,
  redirectErrors: shown(redirects.errors),
}));
