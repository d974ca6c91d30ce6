declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    TEST_API_TOKEN: string;
  }
}

declare module '*?raw' {
  const text: string;
  export default text;
}
