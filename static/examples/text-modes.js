// Fills text-modes.html with one embed per text mode, of the story and kind its query names
// (?story=<folder>&kind=iframe|element; default the build's default story, both kinds).
const params = new URLSearchParams(location.search);
const story = params.get('story');
const kinds = params.get('kind') ? [params.get('kind')] : ['iframe', 'element'];
const box = document.getElementById('embeds');
for (const kind of kinds) {
  for (const mode of ['full', 'summary', 'none']) {
    const figure = document.createElement('figure');
    figure.className = 'embed';
    figure.id = `${kind}-${mode}`;
    let embed;
    if (kind === 'iframe') {
      embed = document.createElement('iframe');
      embed.setAttribute('data-story-map', '');
      embed.title = `Map (text mode ${mode})`;
      const q = new URLSearchParams({ text: mode });
      if (story) q.set('story', story);
      embed.src = `../embed.html?${q}`;
      embed.height = '608';
    } else if (kind === 'element') {
      embed = document.createElement('story-map');
      if (story) embed.setAttribute('story', story);
      embed.setAttribute('text', mode);
    } else continue;
    embed.id = `embed-${kind}-${mode}`;
    const caption = document.createElement('figcaption');
    caption.textContent = `${kind === 'iframe' ? 'Iframe embed' : 'Script embed (<story-map>)'}, text="${mode}".`;
    figure.append(embed, caption);
    box.append(figure);
  }
}
