// The host page drives its embeds from its own article text: a link with data-select="<feature or
// passage>" and data-map="<embed id>" selects it in that embed, and each embed's selection is
// marked back in the host text. The same code works for both kinds of embed: <story-map>
// elements have the methods themselves, iframes get them from embed-host.js.
import { connect } from '../embed-host.js';

const api = (el) => (el instanceof HTMLIFrameElement ? connect(el) : el);

document.addEventListener('click', (e) => {
  const link = e.target instanceof Element ? e.target.closest('a[data-select]') : null;
  if (!link) return;
  e.preventDefault();
  const embed = document.getElementById(link.dataset.map ?? '');
  if (embed) api(embed).select(link.dataset.select);
});

// DOM events bubble from both kinds of embed to the document.
document.addEventListener('story-map:select', (e) => {
  const id = e.target.id;
  const { feature, passages } = e.detail;
  for (const link of document.querySelectorAll(`a[data-select][data-map="${CSS.escape(id)}"]`)) {
    const t = link.dataset.select;
    link.classList.toggle('is-selected', t === feature?.key || passages.includes(t));
  }
});
