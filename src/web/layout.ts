// Every workplace page: large type, high contrast, one column on a phone, a table that scrolls on
// its own; nothing needs a mouse hover. Texts come from locales/<lang>/web.json.

import type { Viewer } from "../domain/web-access/sessions.ts";
import { formatMoney } from "../i18n/format.ts";
import type { I18n } from "../i18n/index.ts";
import { type Html, html } from "./html.ts";

/** A page's texts: `t` reads `web.json` unless the key names its own file ("uploads:phone"). */
export type Texts = {
  lang: string;
  t: (key: string, params?: Record<string, unknown>) => string;
  money: (vnd: bigint) => string;
};

export function textsFor(i18n: I18n, lang: string): Texts {
  return {
    lang,
    t: (key, params) => i18n.t(lang, key.includes(":") ? key : `web:${key}`, params),
    money: (vnd) => formatMoney(i18n, lang, vnd),
  };
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:19px/1.5 system-ui,sans-serif;color:#111;background:#fffdf8}
header{background:#8a2f1d;color:#fff;padding:12px 16px;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
header a,header button{color:#fff;font-size:18px}
header .who{flex:1}
header form{margin:0}
header button{background:none;border:2px solid #fff;border-radius:8px;padding:6px 12px;cursor:pointer}
main{max-width:1200px;margin:0 auto;padding:12px 16px 40px}
h1{font-size:26px;margin:12px 0}
h2{font-size:22px;margin:24px 0 8px}
nav.tabs{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0 16px}
nav.tabs a,.button{display:inline-block;padding:8px 14px;border:2px solid #8a2f1d;border-radius:10px;color:#8a2f1d;background:#fff;text-decoration:none;font-size:18px}
nav.tabs a[aria-current]{background:#8a2f1d;color:#fff}
a{color:#0b4f9c}
a:focus,button:focus,input:focus,select:focus{outline:3px solid #f5a000;outline-offset:2px}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:18px}
th,td{border-bottom:1px solid #d8d0c0;padding:8px;text-align:left;vertical-align:top}
th a{color:#111}
td.n,th.n{text-align:right;white-space:nowrap}
.met{color:#1b5e20;font-weight:600}.not-met{color:#b23c00;font-weight:600}
.flag{color:#b23c00;font-weight:600}
.notice{padding:12px 14px;border-radius:10px;background:#eef6e9;border:2px solid #2e7d32;margin:12px 0}
.problem{padding:12px 14px;border-radius:10px;background:#fff1ec;border:2px solid #b23c00;margin:12px 0}
form.box{padding:12px;border:1px solid #d8d0c0;border-radius:10px;margin:12px 0;background:#fff}
input,select,button.primary{font-size:18px;padding:8px 10px;border-radius:8px;border:1px solid #777}
button.primary{background:#8a2f1d;color:#fff;border:0;cursor:pointer}
ol.furthest li{margin:4px 0}
@media print{header,nav.tabs,.noprint{display:none}body{font-size:20px}main{max-width:none}}
`;

export function page(texts: Texts, title: string, body: Html, viewer?: Viewer): Html {
  return html`<!doctype html>
<html lang="${texts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${texts.t("title")}</title>
<style>${STYLE}</style>
<script src="/web/assets/print.js" defer></script>
</head>
<body>
<header>
  <a href="/web">${texts.t("title")}</a>
  ${
    viewer
      ? html`<span class="who">${texts.t("signed_in_as", { name: viewer.actor.member.fullName })}</span>
  <form method="post" action="/web/logout"><input type="hidden" name="_csrf" value="${viewer.csrf}"><button type="submit">${texts.t("sign_out")}</button></form>`
      : ""
  }
</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

/** The tabs of a club's pages a board member (or treasurer) may open. */
export function clubTabs(texts: Texts, clubId: string, current: string, tabs: readonly string[]): Html {
  return html`<nav class="tabs" aria-label="${texts.t("level.club")}">${tabs.map(
    (tab) =>
      html`<a href="/web/club/${clubId}${tab === "report" ? "" : `/${tab}`}"${current === tab ? html` aria-current="page"` : ""}>${texts.t(`nav.${tab}`)}</a>`,
  )}</nav>`;
}
