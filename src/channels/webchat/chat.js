// The web chat simulator's page script, served at /chat/chat.js.
// The page's texts, from the JSON block the server filled in (no inline script: the CSP allows none).
const T = JSON.parse(document.getElementById("texts").textContent);
const PAGE_SIZE = 50;
const $ = (id) => document.getElementById(id);
$("title").textContent = T.title;
$("acting").textContent = T.acting_as;
$("text").placeholder = T.placeholder;
$("send").textContent = T.send;
$("tip").textContent = T.tip;
document.title = T.title;

let user = "";
let lastId = 0;
let firstId = 0;
let counter = 0;
let hasOlder = false;
const seen = new Set();
/** The person's own messages stay in this browser (the server keeps only what the bot sends), each after the bot's message it followed. */
const OWN_KEPT = 200;
const ownKey = () => `tuong-tro-own:${user}`;
function ownMessages() {
  try {
    return JSON.parse(localStorage.getItem(ownKey()) || "[]");
  } catch {
    return [];
  }
}
function keepOwn(text) {
  const own = ownMessages();
  own.push({ after: lastId, text });
  localStorage.setItem(ownKey(), JSON.stringify(own.slice(-OWN_KEPT)));
}
/** Put the person's messages back among the bot's: each before the first bot message newer than the one it answered. */
function placeOwn() {
  const log = $("log");
  for (const old of log.querySelectorAll(".msg.me")) old.remove();
  const bots = [...log.querySelectorAll(".msg.bot")];
  for (const o of ownMessages()) {
    if (hasOlder && o.after < firstId) continue;
    const next = bots.find((b) => Number(b.dataset.id) > o.after);
    log.insertBefore(bubble("me", o.text), next || null);
  }
}

function newGuest() {
  return `guest-${Math.random().toString(36).slice(2, 12)}`;
}

/** The newest message in view, with the input box: after every send, reply and on opening a chat. */
function toEnd() {
  $("log").scrollTop = $("log").scrollHeight;
}

/** A message's text; an address in it (the workplace's sign-in link) is a link to tap. */
function bubble(cls, text) {
  const div = document.createElement("div");
  div.className = `msg ${cls}`;
  for (const part of text.split(/(https?:\/\/\S+)/)) {
    if (/^https?:\/\//.test(part)) {
      const a = document.createElement("a");
      a.href = part;
      a.textContent = part;
      div.appendChild(a);
    } else div.appendChild(document.createTextNode(part));
  }
  return div;
}

function button(text, onclick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.onclick = onclick;
  return b;
}

function botBubble(m) {
  seen.add(m.id);
  lastId = Math.max(lastId, m.id);
  firstId = firstId ? Math.min(firstId, m.id) : m.id;
  const buttons = m.choices && m.choices.length > 0;
  const div = bubble("bot", buttons && m.prompt ? m.prompt : m.text);
  div.dataset.id = m.id;
  if (buttons) {
    const box = document.createElement("div");
    box.className = "choices";
    for (const c of m.choices) {
      box.appendChild(button(`${c.n}. ${c.label}`, () => send({ choiceId: c.id, version: m.version }, `${c.n}. ${c.label}`)));
    }
    if (m.home) box.appendChild(button(`0. ${m.home}`, () => send({ text: "0" }, `0. ${m.home}`)));
    div.appendChild(box);
  }
  // A report's chart is shown; its spreadsheet is a link to download.
  if (m.attachment && m.attachment.kind === "photo") {
    const img = document.createElement("img");
    img.src = m.attachment.url;
    img.alt = m.text;
    img.onload = toEnd;
    div.appendChild(img);
  } else if (m.attachment) {
    const a = document.createElement("a");
    a.className = "file";
    a.href = m.attachment.url;
    a.textContent = m.attachment.name;
    div.appendChild(a);
  }
  return div;
}

function showBot(m) {
  if (seen.has(m.id)) return;
  $("log").appendChild(botBubble(m));
  toEnd();
}

/** The JSON answer for the person on screen; none if it failed, or if another person was picked meanwhile. */
async function forThisPerson(url, init) {
  const asked = user;
  const res = await fetch(url, init);
  if (!res.ok) return undefined;
  const body = await res.json();
  return user === asked ? body : undefined;
}

async function send(payload, shown) {
  $("log").appendChild(bubble("me", shown));
  keepOwn(shown);
  toEnd();
  const body = Object.assign({ user, messageId: `${Date.now()}-${counter++}` }, payload);
  const answer = await forThisPerson("/chat/api/messages", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!answer) return;
  answer.replies.forEach(showBot);
  // A new person who has just linked is named in the picker from now on.
  const option = $("who").selectedOptions[0];
  if (answer.person && option && option.value === "") option.text = answer.person.label;
}

async function poll() {
  if (!user) return;
  const answer = await forThisPerson(`/chat/api/messages?user=${encodeURIComponent(user)}&after=${lastId}`);
  if (answer) answer.messages.forEach(showBot);
}

function olderButton(more) {
  if ($("older")) $("older").remove();
  if (!more) return;
  const b = button(T.older, loadOlder);
  b.id = "older";
  $("log").prepend(b);
}

/** The last messages of a chat; older ones only when asked for, keeping the reader's place. */
async function loadOlder() {
  const log = $("log");
  const answer = await forThisPerson(`/chat/api/messages?user=${encodeURIComponent(user)}&last=${PAGE_SIZE}&before=${firstId}`);
  if (!answer) return;
  const { messages, more } = answer;
  const fromBottom = log.scrollHeight - log.scrollTop;
  const anchor = $("older") ? $("older").nextSibling : log.firstChild;
  for (const m of messages) if (!seen.has(m.id)) log.insertBefore(botBubble(m), anchor);
  hasOlder = more;
  placeOwn();
  olderButton(more);
  log.scrollTop = log.scrollHeight - fromBottom;
}

async function choose(value) {
  user = value || newGuest();
  lastId = 0;
  firstId = 0;
  seen.clear();
  $("log").innerHTML = "";
  // Picked quickly one after another: only the last person's chat is drawn.
  const answer = await forThisPerson(`/chat/api/messages?user=${encodeURIComponent(user)}&last=${PAGE_SIZE}`);
  if (!answer) return;
  const { messages, more } = answer;
  for (const m of messages) $("log").appendChild(botBubble(m));
  hasOlder = more;
  placeOwn();
  olderButton(more);
  toEnd();
}

async function loadPeople() {
  const res = await fetch("/chat/api/people");
  const { people } = await res.json();
  const sel = $("who");
  sel.add(new Option(T.new_person, ""));
  for (const p of people) sel.add(new Option(p.label, `member-${p.id}`));
  sel.onchange = () => choose(sel.value);
  choose(sel.value);
}

$("form").onsubmit = (e) => {
  e.preventDefault();
  const text = $("text").value.trim();
  if (!text) return;
  $("text").value = "";
  send({ text }, text);
};

loadPeople();
setInterval(poll, 3000);
