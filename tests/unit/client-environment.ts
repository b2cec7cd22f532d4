// A Vitest environment that is plain Node but transforms modules as for the browser ("client"),
// so Svelte compiles .svelte.ts modules for the client and $effect runs (flushSync). No DOM is
// provided: tests pass the small window-like objects they need.
import type { Environment } from 'vitest/environments';

export default <Environment>{
  name: 'client-node',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  },
};
