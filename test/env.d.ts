declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    TEST_API_TOKEN: string;
    TEST_WEBHOOK_SECRET: string;
    TEST_ODD_SECRET: string;
    TEST_SHORT_SECRET: string;
    TEST_PD_KEY: string;
    TEST_HEARTBEAT_TOKEN: string;
    TEST_HEARTBEAT_TOKEN_COPY: string;
    TEST_WEAK_TOKEN: string;
    TEST_JWT_EXPIRING: string;
    TEST_JWT_LONG_LIVED: string;
  }
}

declare module '*?raw' {
  const text: string;
  export default text;
}
