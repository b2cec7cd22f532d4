// The standalone page's <title> and description say the story it shows. The site's root page is
// prerendered with its default story; opened as ?story=<other>, it kept the default's headline in
// the tab, in bookmarks, in history and in what a screen reader announces for the page.
// The story page's own (stories/<name>/) already says it: setting it again changes nothing.
// Only the standalone page: an embed's host owns its page's head.

/** Sets the document's title and description to the story's (text only: nothing is parsed as HTML). */
export function showStoryInHead(doc: Document, story: { title: string; summary?: string }): void {
  if (doc.title !== story.title) doc.title = story.title;
  let meta = doc.head.querySelector<HTMLMetaElement>('meta[name="description"]');
  if (!story.summary) {
    meta?.remove();
    return;
  }
  if (!meta) {
    meta = doc.createElement('meta');
    meta.name = 'description';
    doc.head.append(meta);
  }
  meta.content = story.summary;
}
