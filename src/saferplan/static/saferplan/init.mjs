// Start GOV.UK Frontend's components (service navigation menu, error summary,
// notification banner, file upload ...). Relative import: it works wherever
// STATIC_URL points.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
