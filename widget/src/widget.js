// ITB webchat: the clinic's chat widget, embedded with one script tag:
//
//   <script src="https://ASSISTANT/webhooks/webchat/widget.js" defer
//           data-title="The Pain Clinic" data-color="#0a58a3"></script>
//
// Optional data-* settings: title, greeting, color, server, socket-path,
// phone + tel (the clinic's number shown in answers becomes a call link),
// suggestions ("What is ITB?=/ask_itb_what|The trial=/ask_trial_what"),
// lang ("es": the language it starts in; else the page's <html lang>).
//
// Talks to channels/webchat.py over socket.io. Keeps the conversation in
// sessionStorage only (gone when the tab closes); loads nothing from anywhere
// but the assistant's own server.
//
// Every word it shows is a response in domain.yml (utter_widget_*), like
// everything else the assistant says: channels/webchat.py writes them, in
// English and Spanish, with the clinic's number, over CONTENT below when it
// serves widget.js.
import { io } from "socket.io-client";
import css from "./widget.css";

const STORE = "itb-webchat";
const MAX_CHARS = 2000;
const MAX_KEPT = 200;
const ACK_TIMEOUT_MS = 60000;
const FEEDBACK_TIMEOUT_MS = 15000;
const MAX_COMMENT = 500;
const HUMAN = "/request_human";
const CONTENT = "__ITB_WIDGET_TEXTS__";

function content() {
  try {
    const c = JSON.parse(CONTENT);
    if (c && typeof c === "object") return c;
  } catch (e) {
    /* not served by the assistant: nothing to show */
  }
  return {};
}
const SERVED = content();
// The languages it speaks ("en", "es"): its words in each, by language.
const I18N = SERVED.i18n && typeof SERVED.i18n === "object" ? SERVED.i18n : {};
const LANGS = Object.keys(I18N).length ? Object.keys(I18N) : ["en"];
// "es", "es-MX", "ES" -> "es"; null for a language it does not speak.
function supported(value) {
  const m = /^([a-z]{2})(?:[-_]|$)/i.exec(String(value || "").trim());
  return m && LANGS.includes(m[1].toLowerCase()) ? m[1].toLowerCase() : null;
}
let ui = "en"; // the language of the widget's own words
const pack = (lang) => I18N[lang] || {};
// A widget text by name, in the widget's language: "launcher" is domain.yml's
// utter_widget_launcher (its Spanish variation in Spanish).
const t = (key) => {
  const own = pack(ui).texts || {};
  return String(own[key] || (SERVED.texts && SERVED.texts[key]) || "");
};

const script =
  document.currentScript || document.querySelector('script[src*="webchat/widget.js"]');

function settings(el) {
  const d = (el && el.dataset) || {};
  const base = el && el.src ? new URL(el.src, location.href) : location;
  const suggestions = d.suggestions
    ? d.suggestions
        .split("|")
        .map((pair) => pair.split("="))
        .filter((pair) => pair.length === 2 && pair[0].trim() && pair[1].trim())
        .map(([title, payload]) => ({ title: title.trim(), payload: payload.trim() }))
    : null;
  return {
    server: d.server || base.origin,
    path: d.socketPath || "/webhooks/webchat/socket.io",
    title: d.title || "",
    // The page's own greeting and replies are in the page's language.
    greeting: d.greeting || "",
    color: d.color || "#0a58a3",
    phone: d.phone || SERVED.phone || "",
    tel: d.phone ? d.tel || "" : SERVED.tel || "",
    suggestions,
    pageLang: supported(d.lang) || supported(document.documentElement.lang) || "en",
  };
}

// ---------------------------------------------------------------- colours
function rgb(hex) {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(hex).trim());
  if (!m) return null;
  const h = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
}
function luminance([r, g, b]) {
  const c = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
// Text on the accent colour, and the accent as text on white, both at >= 4.5:1.
function palette(color) {
  const accent = rgb(color) || rgb("#0a58a3");
  const white = [255, 255, 255];
  const hex = "#" + accent.map((v) => v.toString(16).padStart(2, "0")).join("");
  return {
    accent: hex,
    onAccent: contrast(accent, white) >= 4.5 ? "#ffffff" : "#111111",
    accentText: contrast(accent, white) >= 4.5 ? hex : "#1a1a1a",
  };
}

// --------------------------------------------------------------- helpers
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v == null) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c != null) el.append(c);
  return el;
}
function svg(path) {
  const ns = "http://www.w3.org/2000/svg";
  const s = document.createElementNS(ns, "svg");
  s.setAttribute("viewBox", "0 0 24 24");
  s.setAttribute("aria-hidden", "true");
  s.setAttribute("focusable", "false");
  const p = document.createElementNS(ns, "path");
  p.setAttribute("d", path);
  s.append(p);
  return s;
}
const ICON_CHAT =
  "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z";
const ICON_CLOSE =
  "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z";

function randomId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Bot text with links: [label](https://...), bare https:// addresses and the
// clinic's phone number. Everything else is plain text (never HTML).
function richText(parent, text, cfg) {
  const parts = [
    "\\[([^\\]\\n]{1,200})\\]\\(((?:https?:\\/\\/|tel:)[^\\s)]+)\\)",
    "(https?:\\/\\/[^\\s<>\"]*[^\\s<>\".,;:!?)\\]'])",
  ];
  if (cfg.phone && cfg.tel) parts.push("(" + escapeRe(cfg.phone) + ")");
  const re = new RegExp(parts.join("|"), "g");
  let last = 0;
  let m;
  while ((m = re.exec(text))) {
    if (m.index > last) parent.append(text.slice(last, m.index));
    let label, href;
    if (m[1]) [label, href] = [m[1], m[2]];
    else if (m[3]) label = href = m[3];
    else [label, href] = [m[4], "tel:" + cfg.tel];
    const external = /^https?:/.test(href);
    const a = h("a", { href }, label);
    if (external) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.append(h("span", { class: "sr", text: " " + t("new_tab") }));
    }
    parent.append(a);
    last = re.lastIndex;
  }
  if (last < text.length) parent.append(text.slice(last));
}

// A line of the widget's own text, with **bold** parts.
function emphasis(line) {
  return line.split(/\*\*(.+?)\*\*/).map((part, i) => (i % 2 ? h("strong", { text: part }) : part));
}

// The conversation in this tab: its id, whether the chat is open, the
// messages, and the language chosen (with the switch, or by the assistant
// answering in the other one), if any.
function load() {
  try {
    const s = JSON.parse(sessionStorage.getItem(STORE) || "null");
    if (s && s.v === 1 && Array.isArray(s.messages)) return s;
  } catch (e) {
    /* storage unavailable or corrupt: start afresh */
  }
  return { v: 1, sessionId: null, open: false, messages: [], lang: null };
}

// ----------------------------------------------------------------- widget
function start() {
  if (window.ITBWebchat) return;
  const cfg = settings(script);
  const colours = palette(cfg.color);
  const state = load();
  // The language chosen earlier in this tab, else the page's, else English.
  ui = supported(state.lang) || cfg.pageLang;
  const nodes = new Map();
  let socket = null;
  let ready = false; // connected, session confirmed and history merged
  let sending = null; // id of the message awaiting its acknowledgement
  let generation = 0; // bumps on "Start over" and disconnects: stale callbacks stop
  let retryTimer = null;
  let anchor = null; // the first reply to the user's latest message
  let fields = 0; // numbers the comment fields' ids
  const voting = new Set(); // answers whose vote is on its way

  const save = () => {
    state.messages = state.messages.slice(-MAX_KEPT);
    try {
      sessionStorage.setItem(STORE, JSON.stringify(state));
    } catch (e) {
      /* storage full or off: the conversation lives in memory only */
    }
  };

  // DOM, in a shadow root so the clinic's page styles and ours never mix.
  const host = h("div", { id: "itb-webchat" });
  const root = host.attachShadow({ mode: "open" });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch (e) {
    root.append(h("style", { text: css }));
  }
  host.style.setProperty("--accent", colours.accent);
  host.style.setProperty("--on-accent", colours.onAccent);
  host.style.setProperty("--accent-text", colours.accentText);

  const launcherLabel = h("span");
  const launcherIcon = h("span", { class: "icon" }, svg(ICON_CHAT));
  const launcher = h(
    "button",
    { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "itb-panel" },
    launcherIcon,
    launcherLabel,
  );
  const closeButton = h("button", { type: "button", class: "close" }, svg(ICON_CLOSE));
  // The other language's name, in that language: "Español" / "English".
  const switchLabel = h("span");
  const switchButton = h("button", { type: "button", class: "lang", hidden: LANGS.length < 2 }, switchLabel);
  const connection = h("p", { class: "conn", role: "status" });
  const announcer = h("p", { class: "sr", role: "status" });
  const typing = h(
    "div",
    { class: "typing", "aria-hidden": "true", hidden: true },
    h("span"),
    h("span"),
    h("span"),
  );
  const log = h("div", { class: "log", role: "log", "aria-live": "polite", tabindex: "0" }, typing);
  const input = h("textarea", {
    id: "itb-input",
    rows: "1",
    maxlength: String(MAX_CHARS),
    autocomplete: "off",
    enterkeyhint: "send",
  });
  const inputLabel = h("label", { class: "sr", for: "itb-input" });
  const sendButton = h("button", { type: "submit", class: "send" });
  const form = h("form", { class: "compose", novalidate: true }, inputLabel, input, sendButton);
  const humanButton = h("button", {
    type: "button",
    class: "action",
    onclick: () => send(HUMAN, t("talk_to_person")),
  });
  const startButton = h("button", { type: "button", class: "action", onclick: startOver });
  const actions = h("div", { class: "actions" }, humanButton, startButton);
  const heading = h("h2", { id: "itb-title" });
  const subtitle = h("p", { class: "sub" });
  const panel = h(
    "section",
    { id: "itb-panel", class: "panel", role: "dialog", "aria-labelledby": "itb-title", hidden: true },
    h("header", { class: "head" }, h("div", { class: "titles" }, heading, subtitle), switchButton, closeButton),
    connection,
    log,
    actions,
    form,
    announcer,
  );
  const wrap = h("aside", { class: "wrap" }, panel, launcher);
  root.append(wrap);

  // The widget's own words, in its language (again after each switch). The
  // language is on the host and on the shadow root's top element, so screen
  // readers speak everything in it that says no other.
  const other = () => LANGS.find((lang) => lang !== ui) || ui;
  function relabel() {
    host.setAttribute("lang", ui);
    wrap.setAttribute("lang", ui);
    wrap.setAttribute("aria-label", t("region"));
    launcherLabel.textContent = panel.hidden ? t("launcher") : t("hide");
    closeButton.setAttribute("aria-label", t("close"));
    heading.textContent = cfg.title || t("title");
    subtitle.textContent = t("subtitle");
    switchLabel.textContent = String(pack(other()).name || other());
    switchLabel.setAttribute("lang", other());
    log.setAttribute("aria-label", t("log"));
    inputLabel.textContent = t("input_label");
    input.placeholder = t("input_placeholder");
    sendButton.textContent = t("send");
    humanButton.textContent = t("talk_to_person");
    startButton.textContent = t("start_over");
    setConnection(linkState);
    greeting.quick = suggestions();
  }

  // Switches the widget to `lang` and keeps the choice for this tab. The
  // greeting is redrawn in it; messages keep their own language.
  function setLanguage(lang) {
    lang = supported(lang);
    if (!lang || lang === ui) return;
    ui = lang;
    state.lang = lang;
    save();
    relabel();
    const old = nodes.get(greeting.key);
    if (old) {
      const focused = old.contains(root.activeElement);
      old.remove();
      nodes.delete(greeting.key);
      render();
      if (focused) input.focus();
    } else render();
  }
  // The switch: the other language at once, and the assistant told so.
  switchButton.addEventListener("click", () => {
    const lang = other();
    const name = switchLabel.textContent;
    setLanguage(lang);
    send(`/set_language{"language":"${lang}"}`, name);
  });

  // --------------------------------------------------------- rendering
  // The greeting and its suggested replies: the page's own (data-greeting,
  // data-suggestions) in the page's language, else the assistant's.
  const own = () => ui === cfg.pageLang;
  const suggestions = () =>
    own() && cfg.suggestions
      ? cfg.suggestions
      : (pack(ui).suggestions || SERVED.suggestions || []).map((q) => ({ title: String(q.title), payload: String(q.payload) }));
  const greeting = {
    key: "greeting",
    from: "bot",
    text: "",
    quick: [],
  };

  // Each bubble says its language (the user's: the widget's when they wrote
  // it; the assistant's: its reply's), and so do the "You:"/"Assistant:" labels.
  function messageNode(m) {
    const lang = (m.key !== greeting.key && supported(m.lang)) || ui;
    const bubble = h(
      "p",
      { class: "bubble", lang },
      h("span", { class: "sr", lang: ui, text: t(m.from === "user" ? "you" : "assistant") + " " }),
    );
    if (m.key === "greeting")
      bubble.append(
        h("span", { class: "line" }, (own() && cfg.greeting) || t("greeting")),
        ...t("disclosure")
          .split("\n")
          .map((line) => h("span", { class: "line" }, ...emphasis(line))),
      );
    else if (m.from === "bot") richText(bubble, m.text, cfg);
    else bubble.append(m.text);
    return h("div", { class: "msg " + m.from, "data-key": m.key }, bubble);
  }

  // Suggested replies: on the assistant's messages since the user last wrote.
  function update(node, m, current) {
    if (m.from === "user") {
      const note =
        m.status === "failed"
          ? m.reason || t("not_sent")
          : m.status === "pending" && !ready
            ? t("waiting")
            : m.status === "pending"
              ? t("sending")
              : "";
      let meta = node.querySelector(".meta");
      if (!note) {
        if (meta) meta.remove();
        return;
      }
      if (!meta) node.append((meta = h("p", { class: "meta" })));
      if (meta.textContent !== note) meta.textContent = note;
      meta.setAttribute("lang", ui);
      meta.classList.toggle("failed", m.status === "failed");
      return;
    }
    if (m.answer) feedback(node, m);
    const wanted = current && m.quick && m.quick.length > 0;
    let chips = node.querySelector(".chips");
    if (wanted && !chips) {
      chips = h("div", { class: "chips", role: "group", "aria-label": t("suggestions"), lang: ui });
      for (const q of m.quick)
        chips.append(
          h("button", {
            type: "button",
            class: "chip",
            lang: (m.key !== greeting.key && supported(m.lang)) || ui,
            text: q.title,
            onclick: () => {
              send(q.payload, q.title);
              input.focus();
            },
          }),
        );
      node.append(chips);
    } else if (!wanted && chips) {
      if (chips.contains(root.activeElement)) input.focus();
      chips.remove();
    }
  }

  // "Helpful? Yes / No" under an answer; "No" opens an optional comment; one
  // vote per answer, then a thanks line in a polite status region (made with
  // the control, so screen readers announce its text when it changes).
  function feedback(node, m) {
    let box = node.querySelector(".feedback");
    if (!box) {
      box = h("div", { class: "feedback" }, h("p", { class: "fb-status", role: "status", "aria-live": "polite" }));
      node.append(box);
    }
    const status = box.querySelector(".fb-status");
    const view = m.fb || "ask";
    if (box.dataset.view === view) return;
    const hadFocus = box.contains(root.activeElement);
    box.dataset.view = view;
    box.setAttribute("lang", ui);
    box.querySelectorAll(".fb-ask, .fb-form").forEach((el) => el.remove());
    if (view === "ask") {
      box.prepend(
        h(
          "div",
          { class: "fb-ask", role: "group", "aria-label": t("feedback_group") },
          h("span", { class: "fb-q", text: t("feedback_question") }),
          h("button", { type: "button", class: "fb-btn", text: t("feedback_yes"), onclick: () => vote(m, true, null) }),
          h("button", {
            type: "button",
            class: "fb-btn",
            text: t("feedback_no"),
            onclick: () => {
              m.fb = "comment";
              save();
              render();
              const field = node.querySelector(".fb-form textarea");
              if (field) field.focus();
            },
          }),
        ),
      );
      if (hadFocus) box.querySelector(".fb-btn").focus();
    } else if (view === "comment") {
      const id = "itb-fb-" + ++fields;
      const field = h("textarea", { id, rows: "2", maxlength: String(MAX_COMMENT) });
      const formEl = h(
        "form",
        { class: "fb-form", novalidate: true },
        h("label", { for: id, text: t("feedback_comment_label") }),
        field,
        h(
          "div",
          { class: "fb-row" },
          h("button", { type: "submit", class: "fb-btn", text: t("feedback_send") }),
          h("button", { type: "button", class: "fb-btn", text: t("feedback_skip"), onclick: () => vote(m, false, null) }),
        ),
      );
      formEl.addEventListener("submit", (e) => {
        e.preventDefault();
        vote(m, false, field.value.trim().slice(0, MAX_COMMENT) || null);
      });
      box.prepend(formEl);
    } else if (view === "done") {
      if (hadFocus) input.focus();
      status.textContent = t("feedback_thanks");
    }
  }

  function vote(m, helpful, comment) {
    if (m.fb === "done" || voting.has(m.key)) return;
    voting.add(m.key);
    const data = { session_id: state.sessionId, message_id: m.key.slice(2), helpful };
    if (comment) data.comment = comment;
    const gen = generation;
    const status = nodes.get(m.key) && nodes.get(m.key).querySelector(".fb-status");
    connect();
    socket.timeout(FEEDBACK_TIMEOUT_MS).emit("answer_feedback", data, (err, res) => {
      voting.delete(m.key);
      if (gen !== generation) return;
      if (!err && res && res.ok) {
        m.fb = "done";
        save();
        return render();
      }
      if (status) {
        status.textContent = "";
        status.setAttribute("lang", ui);
        setTimeout(() => (status.textContent = t("feedback_not_sent")), 50);
      }
    });
  }

  function render() {
    const items = [greeting, ...state.messages];
    let lastUser = -1;
    items.forEach((m, i) => m.from === "user" && (lastUser = i));
    const seen = new Set();
    let prev = null;
    items.forEach((m, i) => {
      let node = nodes.get(m.key);
      if (!node) {
        node = messageNode(m);
        nodes.set(m.key, node);
      }
      update(node, m, i > lastUser);
      const at = prev ? prev.nextSibling : log.firstChild;
      if (node !== at) log.insertBefore(node, at);
      prev = node;
      seen.add(m.key);
    });
    for (const [key, node] of nodes)
      if (!seen.has(key)) {
        if (node.contains(root.activeElement)) input.focus();
        node.remove();
        nodes.delete(key);
      }
    log.append(typing); // always last
    const wasHidden = typing.hidden;
    typing.hidden = !(sending && ready);
    if (wasHidden && !typing.hidden && !anchor) reveal(null);
  }

  // Scrolls to the start of `node` (the first reply to the user's latest
  // message), or as far down as that allows; with no node, to the bottom.
  function reveal(node) {
    const bottom = log.scrollHeight - log.clientHeight;
    log.scrollTop = node && node.isConnected ? Math.min(node.offsetTop - 12, bottom) : bottom;
  }

  // The connection's state ("", "connecting", "offline"), shown in the widget's language.
  let linkState = "";
  function setConnection(next) {
    linkState = next;
    const text = next === "offline" ? t("offline") : next === "connecting" ? t("connecting") : "";
    if (connection.textContent !== text) connection.textContent = text;
  }

  // ------------------------------------------------------ conversation
  function item(m) {
    const lang = supported(m.lang);
    if (m.sender === "user")
      return { key: "u:" + m.id, id: m.id, from: "user", text: String(m.text || ""), status: "sent", lang };
    const quick = (m.quick_replies || m.buttons || [])
      .filter((q) => q && q.title && q.payload)
      .slice(0, 12)
      .map((q) => ({ title: String(q.title), payload: String(q.payload) }));
    const it = { key: "b:" + (m.id || randomId()), from: "bot", text: String(m.text || ""), quick, lang };
    if (m.id && typeof m.answer === "string" && m.answer) it.answer = m.answer;
    return it;
  }

  // The server's record first, then what only this tab has (messages not
  // yet sent, replies still coming). Nothing is shown twice.
  function merge(list) {
    const remote = list.filter((m) => m && typeof m === "object").map(item);
    const local = new Map(state.messages.map((m) => [m.key, m]));
    const keys = new Set(remote.map((m) => m.key));
    for (const m of remote) {
      const mine = local.get(m.key);
      if (mine && m.from === "user") [m.text, m.lang] = [mine.text, mine.lang || m.lang];
      if (mine && mine.fb) m.fb = mine.fb;
    }
    state.messages = remote.concat(state.messages.filter((m) => !keys.has(m.key)));
  }

  function send(payload, shown) {
    const text = String(payload).trim();
    if (!text) return;
    const id = randomId();
    state.messages.push({
      key: "u:" + id,
      id,
      from: "user",
      text: shown || text,
      payload: text.slice(0, MAX_CHARS),
      status: "pending",
      lang: ui,
    });
    save();
    anchor = null;
    render();
    reveal(null);
    connect();
    flush();
  }

  // Sends the oldest unsent message; the next one goes when the server has it.
  function flush() {
    if (!ready || sending || !socket) return;
    const m = state.messages.find((x) => x.from === "user" && x.status === "pending");
    if (!m) return render();
    sending = m.id;
    const gen = generation;
    // The widget's language when it was written: the assistant's hint for a
    // message too short to tell ("sí", "ok").
    const data = {
      message: m.payload || m.text,
      session_id: state.sessionId,
      message_id: m.id,
      metadata: { language: supported(m.lang) || ui },
    };
    if (m.payload && m.payload !== m.text) data.metadata.display = m.text;
    render();
    socket.timeout(ACK_TIMEOUT_MS).emit("user_uttered", data, (err, res) => {
      if (gen !== generation || sending !== m.id) return;
      sending = null;
      if (err || !res) {
        retryTimer = setTimeout(flush, 1000); // no answer: try again (the server drops repeats)
        return render();
      }
      if (res.ok) {
        m.status = "sent";
        save();
        render(); // "Sending..." goes: keep the reply where it was
        if (anchor) reveal(anchor);
        return flush();
      } else if (res.error === "rate_limited") {
        announce(t("rate_limited"));
        retryTimer = setTimeout(flush, Math.max(1, Number(res.retry_after) || 5) * 1000);
        return render();
      } else if (res.error === "no_session") {
        ready = false;
        socket.emit("session_request", { session_id: state.sessionId });
        return render();
      } else {
        m.status = "failed";
        m.reason = res.error === "too_long" ? t("too_long") : t("unreadable");
      }
      save();
      flush();
    });
  }

  function announce(text) {
    announcer.textContent = "";
    setTimeout(() => (announcer.textContent = text), 50);
  }

  function connect() {
    if (socket) return;
    socket = io(cfg.server, {
      path: cfg.path,
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      withCredentials: false,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
    });
    const slow = setTimeout(() => !ready && setConnection("connecting"), 1500);
    socket.on("connect", () => {
      socket.emit("session_request", { session_id: state.sessionId });
    });
    socket.on("session_confirm", (id) => {
      const sid = typeof id === "string" ? id : id && id.session_id;
      if (sid) state.sessionId = sid;
      save();
    });
    socket.on("session_history", (data) => {
      if (!data || data.session_id !== state.sessionId) return;
      clearTimeout(slow);
      const before = state.messages.length;
      merge(Array.isArray(data.messages) ? data.messages : []);
      ready = true;
      setConnection("");
      save();
      render();
      if (state.messages.length !== before) reveal(anchor);
      flush();
    });
    socket.on("bot_uttered", (m) => {
      if (!m || typeof m !== "object") return;
      const it = item(m);
      if (state.messages.some((x) => x.key === it.key)) return;
      // The assistant answers in the other language: the widget follows.
      if (it.lang && it.lang !== ui) setLanguage(it.lang);
      state.messages.push(it);
      save();
      render();
      if (!anchor || !anchor.isConnected) anchor = nodes.get(it.key);
      reveal(anchor);
    });
    const offline = () => setConnection("offline");
    socket.on("disconnect", () => {
      ready = false;
      sending = null;
      generation++;
      clearTimeout(retryTimer);
      offline();
      render();
    });
    socket.on("connect_error", () => {
      clearTimeout(slow);
      offline();
    });
  }

  function startOver() {
    generation++;
    sending = null;
    clearTimeout(retryTimer);
    state.messages = [];
    state.sessionId = null;
    anchor = null;
    save();
    render();
    if (socket && socket.connected) {
      ready = false;
      socket.emit("session_request", { session_id: null });
    }
    announce(t("started_over"));
    input.focus();
  }

  // ------------------------------------------------------ open / close
  const fullScreen = matchMedia("(max-width: 480px), (max-height: 520px)");
  function isFull() {
    return fullScreen.matches;
  }
  // Full screen, the chat is modal (the page is covered); in a corner, it is not.
  const modality = () =>
    !panel.hidden && isFull() ? panel.setAttribute("aria-modal", "true") : panel.removeAttribute("aria-modal");
  if (fullScreen.addEventListener) fullScreen.addEventListener("change", modality);
  function open(focus = true) {
    panel.hidden = false;
    wrap.classList.add("open");
    launcher.setAttribute("aria-expanded", "true");
    launcherLabel.textContent = t("hide");
    launcherIcon.replaceChildren(svg(ICON_CLOSE));
    modality();
    state.open = true;
    save();
    connect();
    render();
    reveal(null);
    if (focus) input.focus();
  }
  function close() {
    panel.hidden = true;
    wrap.classList.remove("open");
    launcher.setAttribute("aria-expanded", "false");
    launcherLabel.textContent = t("launcher");
    launcherIcon.replaceChildren(svg(ICON_CHAT));
    state.open = false;
    save();
    launcher.focus();
  }

  launcher.addEventListener("click", () => (panel.hidden ? open() : close()));
  closeButton.addEventListener("click", close);
  wrap.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !e.isComposing && !panel.hidden) {
      e.preventDefault();
      close();
    } else if (e.key === "Tab" && !panel.hidden && isFull()) {
      // Full screen, the page behind is covered: keep focus in the chat.
      const items = Array.from(panel.querySelectorAll("button, textarea, a[href], [tabindex='0']"));
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && root.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && root.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return input.focus();
    input.value = "";
    grow();
    send(text);
    input.focus();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
    }
  });
  function grow() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 2, 132) + "px";
  }
  input.addEventListener("input", grow);

  document.body.append(host);
  relabel();
  render();
  if (state.open) open(false);
  else if (state.sessionId || state.messages.some((m) => m.status === "pending")) connect();

  window.ITBWebchat = { open: () => open(), close };
}

if (document.body) start();
else document.addEventListener("DOMContentLoaded", start);
