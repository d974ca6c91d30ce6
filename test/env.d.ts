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
    TEST_TELEGRAM_TOKEN: string;
    TEST_OPSGENIE_KEY: string;
    TEST_RESEND_KEY: string;
    TEST_MATRIX_TOKEN: string;
    TEST_PUSHOVER_TOKEN: string;
    TEST_PUSHOVER_USER: string;
    TEST_NTFY_TOKEN: string;
    TEST_SUBSCRIBE_KEY: string;
    TEST_EMAIL: SendEmail;
    TEST_EMAIL_ONCALL_ONLY: SendEmail;
    CANARY_HEADER: string;
    CANARY_QUERY: string;
    CANARY_JSON: string;
    CANARY_FORM: string;
    CANARY_BASIC: string;
    CANARY_PATH: string;
    CANARY_HOOK: string;
    CANARY_WATCHDOG: string;
    CANARY_PD_KEY: string;
    CANARY_SIGNING: string;
  }
}

declare module '*?raw' {
  const text: string;
  export default text;
}
