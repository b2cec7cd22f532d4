/// <reference types="svelte" />
/// <reference types="vite/client" />
declare const __DEFAULT_STORY__: string;
