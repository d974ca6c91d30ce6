/**
 * The sign-up form, as the status page and /subscribe render it: a plain HTML form that works
 * without JavaScript, in the reader's language (the `subscribe.*` messages).
 */
import type { Translator } from '../../i18n/translator';

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
  tr: Translator;
}

export function SubscribeForm({ groups, email, webhooks, tr }: SubscribeFormProps) {
  return (
    <section class="subscribe" aria-labelledby="subscribe-heading">
      <style dangerouslySetInnerHTML={{ __html: SUBSCRIBE_STYLES }} />
      <h2 id="subscribe-heading">{tr.t('subscribe.heading')}</h2>
      <p class="meta">{tr.t('subscribe.intro')}</p>
      {email ? (
        <form class="card" method="post" action={tr.link('/subscribe')}>
          <input type="hidden" name="kind" value="email" />
          <label>
            {tr.t('subscribe.emailLabel')}
            <br />
            <input type="email" name="address" required maxlength={254} autocomplete="email" />
          </label>
          <Scope groups={groups} id="email" tr={tr} />
          <button type="submit">{tr.t('subscribe.submit')}</button>
        </form>
      ) : null}
      {webhooks ? (
        <details>
          <summary>{tr.t('subscribe.byWebhook')}</summary>
          <form class="card" method="post" action={tr.link('/subscribe')}>
            <input type="hidden" name="kind" value="webhook" />
            <label>
              {tr.t('subscribe.webhookLabel')}
              <br />
              <input type="url" name="address" required maxlength={2048} placeholder="https://" />
            </label>
            <Scope groups={groups} id="webhook" tr={tr} />
            <button type="submit">{tr.t('subscribe.submit')}</button>
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
  tr: Translator;
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
      tr={props.tr}
    />
  );
}

/** All monitors, or some groups (checkboxes; without groups on the page there is no choice). */
function Scope({ groups, id, tr }: { groups: string[]; id: string; tr: Translator }) {
  if (groups.length === 0) return <input type="hidden" name="scope" value="all" />;
  return (
    <fieldset>
      <label>
        <input type="radio" name="scope" value="all" checked /> {tr.t('subscribe.allMonitors')}
      </label>
      <label>
        <input type="radio" name="scope" value="groups" /> {tr.t('subscribe.someGroups')}
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
