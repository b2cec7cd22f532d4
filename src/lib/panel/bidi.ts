// The interface is in English; a story may be in any language and either direction (story.json's
// `language`, `direction`). Where the two meet, each string says its own language, and a story's
// string is set apart (`<bdi>`, `dir="auto"`) so that its direction and its punctuation stay its
// own: an Arabic passage's full stop at its end, not at the start of the English line around it.

const ENGLISH = /^en(-|$)/i;

/** `lang` for a story's string in the interface: none when the story is in English too. */
export const storyLang = (language: string): string | undefined => (ENGLISH.test(language) ? undefined : language);

/** `lang` for an interface string inside the story's text: none when the story is in English too. */
export const interfaceLang = (language: string): string | undefined => (ENGLISH.test(language) ? undefined : 'en');
