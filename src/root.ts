// The project's folder (flows/, locales/, targets/ are read from here), without loading the app.
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
