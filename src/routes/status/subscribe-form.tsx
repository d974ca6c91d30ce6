/**
 * The sign-up form, as the status page and /subscribe render it: a plain HTML form that works
 * without JavaScript. Its words are in SUBSCRIBE_TEXT, one object, so they can be translated.
 */

export const SUBSCRIBE_TEXT = {
  heading: 'Get notified',
  intro: 'Receive a message when an incident starts, changes or ends, and before maintenance.',
  byEmail: 'By email',
  byWebhook: 'By webhook (JSON POST, Standard Webhooks signatures)',
  emailLabel: 'Email address',
  webhookLabel: 'Webhook URL',
  allMonitors: 'Everything on this page',
  someGroups: 'Only these groups:',
  submit: 'Subscribe',
  checkInbox: 'Check your inbox',
  checkInboxText:
    'If the address can receive mail, a message with a confirmation link is on its way. Nothing is sent until you confirm; an unconfirmed request is deleted.',
  checkWebhook:
    'Lookout sends a signed confirmation request to the URL. The subscription starts once the endpoint answers 2xx with the challenge from that request in its body.',
  confirmHeading: 'Confirm your subscription',
  confirmText: 'Press the button to start receiving notices.',
  confirmButton: 'Confirm subscription',
  confirmedHeading: 'You are subscribed',
  confirmedText: 'Notices will reach you from now on. Every message has a link to unsubscribe.',
  invalidHeading: 'This link is not valid',
  invalidText: 'It may have expired or been changed. Subscribe again to get a new one.',
  unsubscribeHeading: 'Unsubscribe',
  unsubscribeText: 'Press the button to stop receiving notices.',
  unsubscribeButton: 'Unsubscribe',
  unsubscribedHeading: 'You are unsubscribed',
  unsubscribedText: 'No more notices will be sent. You can subscribe again at any time.',
  back: 'Back to the status page',
} as const;

export const SUBSCRIBE_STYLES = `.subscribe{margin:32px 0 8px}.subscribe form{display:grid;gap:10px;padding:14px 16px}
.subscribe fieldset{border:0;margin:0;padding:0;display:grid;gap:4px}.subscribe legend{font-weight:600;padding:0;margin-bottom:4px}
.subscribe input[type=email],.subscribe input[type=url]{font:inherit;padding:6px 8px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);width:100%;max-width:28rem}
.subscribe button,.confirm button{font:inherit;font-weight:600;padding:6px 14px;border-radius:6px;border:1px solid var(--line);background:var(--fg);color:var(--bg);justify-self:start;cursor:pointer}
.subscribe .groups{padding-left:24px}`;

export interface SubscribeFormProps {
  /** Groups of public monitors, in page order. */
  groups: string[];
  email: boolean;
  webhooks: boolean;
}

export function SubscribeForm({ groups, email, webhooks }: SubscribeFormProps) {
  const t = SUBSCRIBE_TEXT;
  return (
    <section class="subscribe" aria-labelledby="subscribe-heading">
      <style dangerouslySetInnerHTML={{ __html: SUBSCRIBE_STYLES }} />
      <h2 id="subscribe-heading">{t.heading}</h2>
      <p class="meta">{t.intro}</p>
      {email ? (
        <form class="card" method="post" action="/subscribe">
          <input type="hidden" name="kind" value="email" />
          <label>
            {t.emailLabel}
            <br />
            <input type="email" name="address" required maxlength={254} autocomplete="email" />
          </label>
          <Scope groups={groups} id="email" />
          <button type="submit">{t.submit}</button>
        </form>
      ) : null}
      {webhooks ? (
        <details>
          <summary>{t.byWebhook}</summary>
          <form class="card" method="post" action="/subscribe">
            <input type="hidden" name="kind" value="webhook" />
            <label>
              {t.webhookLabel}
              <br />
              <input type="url" name="address" required maxlength={2048} placeholder="https://" />
            </label>
            <Scope groups={groups} id="webhook" />
            <button type="submit">{t.submit}</button>
          </form>
        </details>
      ) : null}
    </section>
  );
}

/**
 * The form under the status page's monitors, when subscriptions are configured: the groups come
 * from the public monitors the page shows, in its order.
 */
export function PageSubscribe(props: {
  subscribers: { via: string | null; webhooks: boolean } | null;
  monitors: readonly { group: string | null }[];
  order: readonly { name: string }[];
}) {
  if (!props.subscribers) return null;
  const rank = (name: string) => {
    const i = props.order.findIndex((g) => g.name === name);
    return i === -1 ? props.order.length : i;
  };
  const groups = [...new Set(props.monitors.flatMap((m) => (m.group ? [m.group] : [])))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  return (
    <SubscribeForm
      groups={groups}
      email={props.subscribers.via !== null}
      webhooks={props.subscribers.webhooks}
    />
  );
}

/** All monitors, or some groups (checkboxes; without groups on the page there is no choice). */
function Scope({ groups, id }: { groups: string[]; id: string }) {
  const t = SUBSCRIBE_TEXT;
  if (groups.length === 0) return <input type="hidden" name="scope" value="all" />;
  return (
    <fieldset>
      <label>
        <input type="radio" name="scope" value="all" checked /> {t.allMonitors}
      </label>
      <label>
        <input type="radio" name="scope" value="groups" /> {t.someGroups}
      </label>
      <div class="groups">
        {groups.map((group, i) => (
          <label style="display:block" for={`${id}-group-${i}`}>
            <input type="checkbox" name="groups" value={group} id={`${id}-group-${i}`} /> {group}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
