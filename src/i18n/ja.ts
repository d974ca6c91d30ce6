import type { Language } from './types';

/**
 * Japanese, typed against English (en.ts). Long because it is only data: the page texts, then each
 * taxonomy code's short name, explanation and hint, then the region names.
 */
export default {
  tag: 'ja',
  name: '日本語',
  messages: {
    'list.separator': '、',

    'layout.skip': '本文へ移動',
    'layout.nav': 'ステータスページ',
    'layout.status': 'ステータス',
    'layout.incidents': 'インシデント',
    'layout.feed': 'フィード',
    'layout.feedTitle': '{title}：インシデント',
    'layout.footer': 'Lookout が複数のリージョンからチェック · 時刻は UTC',
    'layout.pause': '自動更新を一時停止',
    'layout.resume': '自動更新を再開',

    'status.up': '正常',
    'status.degraded': '低下',
    'status.partial': '一部停止',
    'status.down': '停止',
    'status.unknown': '不明',
    'status.pending': '初回チェック待ち',
    'status.maintenance': 'メンテナンス',

    'outcome.up': '正常',
    'outcome.degraded': '低下',
    'outcome.down': '停止',
    'outcome.unknown': '不明',
    'outcome.pending': '待機中',

    'banner.empty': 'モニターはまだ設定されていません',
    'banner.major': '大規模な障害が発生しています',
    'banner.partial': '一部のサービスが停止しています',
    'banner.maintenance': '計画メンテナンスを実施中です',
    'banner.degraded': 'パフォーマンスが低下しています',
    'banner.up': 'すべてのシステムが正常に稼働しています',
    'banner.waiting': 'チェック待ち',

    'page.heading': '現在のステータス',
    'page.services': 'サービス',
    'page.otherServices': 'その他のサービス',
    'page.window.24h': '24時間',
    'page.window.7d': '7日',
    'page.window.30d': '30日',
    'page.window.90d': '90日',
    'page.barsLabel': '{name}：日別の稼働率、過去{days}日間',
    'page.noChecks': 'まだチェックがありません',
    'page.today': '今日',
    'regions.label': 'リージョン別のステータス',
    'regions.checked': '{time}に{colo}からチェック',

    'bars.noData': '{day}：データなし',
    'bars.span': '{from}～{to}：データなし',
    'bars.uptime': '{day}：稼働率 {pct}',
    'bars.down': '停止 {duration}',
    'bars.incidents': { other: 'インシデント {n} 件（{causes}）' },

    'duration.seconds': '{n}秒',
    'duration.minutes': '{n}分',
    'duration.hours': '{n}時間',
    'duration.days': '{n}日',
    'duration.pair': '{a}{b}',

    'legend.atLeast': '{pct}以上',
    'legend.under': '{pct}未満',
    'legend.noData': 'データなし',

    'monitor.notFoundTitle': '見つかりません',
    'monitor.notFoundHeading': 'そのモニターはありません',
    'monitor.notFoundText': 'ID {id} の公開モニターはありません。',
    'monitor.back': 'ステータスページに戻る',
    'monitor.checkedEveryMinute': '{regions}から毎分チェック',
    'monitor.checkedEvery': '{regions}から{interval}ごとにチェック',
    'monitor.since': '{time}から{status}',
    'monitor.certificateExpires': '証明書の有効期限：{when}',
    'monitor.certificateExpired': '証明書は{when}に期限切れ',
    'monitor.domainExpires': 'ドメインの有効期限：{when}',
    'monitor.domainExpired': 'ドメインは{when}に期限切れ',
    'monitor.hours': { other: '{n}時間' },
    'monitor.days': { other: '{n}日間' },
    'monitor.latency': 'レイテンシ',
    'monitor.chart24h': '過去24時間（1時間ごと）',
    'monitor.chart90d': '過去90日間（1日ごと）',
    'monitor.chart24hTitle': '{name}：1時間ごとの p50・p95 レイテンシ、過去24時間',
    'monitor.chart90dTitle': '{name}：1日ごとの p50・p95 レイテンシ、過去90日間',
    'monitor.findings': '検出事項',
    'monitor.noFindings':
      '対応が必要な事項はありません（非推奨、提供終了、認証情報の期限切れ、セキュリティの検出なし）。',
    'monitor.sunset': '提供終了：{when}（{date}）',
    'monitor.expires': '有効期限：{when}（{date}）',
    'monitor.recentIncidents': '最近のインシデント',
    'monitor.noIncidents': '記録されたインシデントはありません。',
    'monitor.duringMaintenance': 'メンテナンス中',
    'monitor.history': '過去365日間',

    'chart.noData': '{region}：データなし',
    'chart.range': '{region}：p50 {min}～{max}、p95 最大 {p95}',
    'chart.join': '；',
    'chart.summary': '{text}。',
    'chart.key': '実線：p50 · 破線：p95',
    'chart.table': '数値を表で表示',
    'chart.time': '時刻（UTC）',
    'chart.column': '{region} p50 / p95',

    'incidents.title': 'インシデント',
    'incidents.lede': '過去90日間のインシデント（新しい順、時刻は UTC）。',
    'incidents.subscribe': 'フィードを購読',
    'incidents.history': 'インシデント履歴',
    'incidents.older': '以前のインシデント',
    'incidents.none': '過去90日間にインシデントはありません。',
    'incidents.noneOlder': 'これより前のインシデントはありません。',
    'incidents.pages': 'インシデントのページ',
    'incidents.newest': '最新のインシデント',

    'incident.resolved': '解決済み',
    'incident.ongoing': '継続中',
    'incident.investigating': '調査中',
    'incident.identified': '原因特定',
    'incident.monitoring': '経過観察中',
    'incident.opened': '検知',
    'incident.causeChanged': '原因が変化',
    'incident.checksPass': 'チェックが再び成功',
    'incident.started': '開始',
    'incident.ended': '解決',
    'incident.duration': '継続時間',
    'incident.regions': 'リージョン',
    'incident.notEnded': '継続中',
    'incident.soFar': '現在まで{duration}',
    'incident.duringMaintenance': '計画メンテナンス中に発生',
    'incident.timeline': 'タイムライン',

    'maintenance.heading': 'メンテナンス',
    'maintenance.until': '{end}まで実施中',
    'maintenance.scheduled': '{start}～{end}に予定',

    'feed.subtitle': 'インシデントとメンテナンス',
    'feed.incidentTitle': '{monitor}：{cause}（{state}）',
    'feed.maintenanceTitle': 'メンテナンス：{title}（{state}）',
    'feed.inProgress': '実施中',
    'feed.scheduled': '予定',
    'feed.inProgressFrom': '{start}～{end}に実施中。',
    'feed.scheduledFrom': '{start}～{end}に予定。',

    'mail.confirm.subject': '{page} の購読を確認してください',
    'mail.confirm.body':
      'このアドレスで {page} のインシデント通知を受け取る申し込みがありました。下のリンクから確認してください。お心当たりがなければ、このメールは無視してください。今後何も送信されません。',
    'mail.confirm.action': '購読を確認',
    'mail.unsubscribe.action': '購読を解除',
    'mail.unsubscribe.footer': '{page} の通知を購読しているため、このメールをお送りしています。',
    'subscribe.heading': '通知を受け取る',
    'subscribe.intro': 'インシデントの発生・更新・解決時と、メンテナンスの前にお知らせします。',
    'subscribe.byWebhook': 'Webhook で受け取る（JSON POST、Standard Webhooks 署名）',
    'subscribe.emailLabel': 'メールアドレス',
    'subscribe.webhookLabel': 'Webhook URL',
    'subscribe.allMonitors': 'このページのすべて',
    'subscribe.someGroups': '次のグループのみ：',
    'subscribe.submit': '登録する',
    'subscribe.checkInbox': 'メールをご確認ください',
    'subscribe.checkInboxText':
      'このアドレスでメールを受信できる場合、確認リンク付きのメッセージが届きます。確認するまで何も送信されず、未確認の申し込みは削除されます。',
    'subscribe.checkWebhook':
      'Lookout はその URL に署名付きの確認リクエストを送ります。エンドポイントがそのリクエストのチャレンジを本文に含めて 2xx で応答すると、登録が始まります。',
    'subscribe.confirmHeading': '登録の確認',
    'subscribe.confirmText': 'ボタンを押すと通知の受信が始まります。',
    'subscribe.confirmButton': '登録を確認する',
    'subscribe.confirmedHeading': '登録が完了しました',
    'subscribe.confirmedText': '今後、通知をお届けします。すべてのメッセージに登録解除のリンクがあります。',
    'subscribe.invalidHeading': 'このリンクは無効です',
    'subscribe.invalidText':
      '有効期限が切れたか、変更された可能性があります。もう一度登録すると新しいリンクが届きます。',
    'subscribe.unsubscribeHeading': '登録解除',
    'subscribe.unsubscribeText': 'ボタンを押すと通知が止まります。',
    'subscribe.unsubscribeButton': '登録を解除する',
    'subscribe.unsubscribedHeading': '登録を解除しました',
    'subscribe.unsubscribedText': '今後、通知は送信されません。いつでも再登録できます。',
    'mail.confirm.request':
      'どなたか（おそらくご本人）が、このアドレスで {page} のインシデントとメンテナンスの通知を受け取るよう申し込みました。',
    'mail.confirm.open': '確認するには、次のリンクを開いてください：',
    'mail.confirm.expiry':
      'リンクの有効期限は {time} です。お心当たりがない場合は、このメールを無視してください。確認がなければ何も送信されず、申し込みは削除されます。',
    'mail.notice.down': '{name} が停止しています',
    'mail.notice.update': '{name}：インシデントの続報',
    'mail.notice.recovered': '{name} が復旧しました',
    'mail.notice.maintenanceScheduled': '予定メンテナンス：{name}',
    'mail.notice.maintenanceStarted': 'メンテナンス中：{name}',
    'mail.notice.maintenanceEnded': 'メンテナンス完了：{name}',
    'mail.notice.note': '{name}：{status}',
    'mail.notice.since': '{time} から発生しています。',
    'mail.notice.updatedAt': '{time} の更新です。',
    'mail.notice.noteAt': '{time} の更新：',
    'mail.notice.resolvedAt': '{time} に解決しました。',
    'mail.notice.resolvedAfter': '{time} に解決しました（継続時間 {duration}）。',
    'mail.notice.window': '期間：{start}～{end}',
    'mail.notice.completedAt': '{time} に完了しました。',
    'mail.notice.details': '詳細：{url}',
    'mail.notice.detailsLink': 'ステータスページで詳細を見る',
    'mail.unsubscribe.line': '登録解除：{url}',
  },
  causes: {
    'http.bad_request': 'リクエストが拒否されました（400）',
    'http.unauthorized': '認証情報が拒否されました（401）',
    'http.forbidden': 'アクセスが拒否されました（403）',
    'http.not_found': '見つかりません（404）',
    'http.method_not_allowed': '許可されていないメソッド（405）',
    'http.gone': 'API バージョンが廃止されました（410）',
    'http.rate_limited': 'レート制限（429）',
    'http.server_error': 'サーバーエラー（5xx）',
    'http.upstream': 'ゲートウェイまたは上流の障害（502、503、504）',
    'http.unexpected_status': '想定外のステータスコード',
    'http.redirect': '想定外のリダイレクト',
    'http.insecure_redirect': 'https から http へのリダイレクト',
    'net.timeout': 'タイムアウト',
    'net.dns': 'ホスト名を解決できません',
    'net.refused': '接続が拒否されました',
    'net.error': '接続に失敗しました',
    'tls.invalid': 'TLS ハンドシェイクまたは証明書のエラー',
    'tls.unreadable': '証明書を読み取れません',
    'assert.body': 'レスポンスの内容が不正',
    'assert.header': 'レスポンスヘッダーが不正',
    'assert.latency': '利用できないほど遅い',
    'perf.slow': '応答が遅い',
    'security.auth_not_enforced': '認証が強制されていません',
    'dependency.down': '依存先が停止しています',
    'heartbeat.missed': 'ハートビートが届きません',
    'heartbeat.failed': 'ジョブが失敗を報告',
    'config.secret_missing': 'シークレットが未設定',
    'lookout.prober_failed': 'チェックを実行できませんでした',
    'lookout.deadline_exceeded': 'チェックが時間内に終わりませんでした',
    'api.deprecated': 'API が非推奨',
    'api.sunset_soon': 'API の提供終了日が告知済み',
    'api.sunset_invalid': 'ライフサイクルヘッダーが不正',
    'credential.expiring': 'トークンの期限が近い',
    'credential.long_lived': 'トークンの有効期間が長すぎる',
    'security.insecure_transport': '安全でない通信',
    'tls.expiring': '証明書の期限が近い',
    'tls.expired': '証明書の期限切れ',
    'tls.hostname_mismatch': '別のホスト向けの証明書',
    'tls.untrusted': '信頼されていない証明書',
    'tls.weak': '脆弱な TLS',
    'domain.expiring': 'ドメインの期限が近い',
    'domain.expired': 'ドメインの期限切れ',
    'domain.no_rdap': 'ドメインの期限を取得できません',
    'perf.large_payload': 'レスポンスが大きすぎる',
    'vendor.outage': 'ベンダー側の障害',
    'vendor.degraded': 'ベンダー側の性能低下',
    'vendor.maintenance': 'ベンダー側のメンテナンス',
    'vendor.unreadable': 'ベンダーのステータスを取得できません',
    'vendor.unknown_component': '不明なベンダーコンポーネント',
    'vendor.incident': 'ベンダー側のインシデント',
  },
  explanations: {
    'http.bad_request': {
      explanation:
        'チェックが送るリクエストを API が拒否しました（400）。API が受け付ける形式に合わなくなっています。',
      hint: 'リクエストを現在の API 仕様と比べてください：パラメーター名、JSON の構造、Content-Type。',
    },
    'http.unauthorized': {
      explanation:
        '認証情報が拒否されました（401）：未設定、期限切れ、失効、または誤ったヘッダーで送信されています。',
      hint: 'モニターが使うシークレットを確認し、キーをローテーションまたは再発行してください。Authorization のスキームも確認してください。',
    },
    'http.forbidden': {
      explanation: '認証はされましたが、許可されていません（403）。',
      hint: 'チェックが使う ID のロール、スコープ、アクセスルールを見直してください。',
    },
    'http.not_found': {
      explanation: 'パスまたはバージョンが存在しません（404）：移動、名前の変更、削除、または入力ミスです。',
      hint: 'ベース URL とバージョンを確認してください。移動したリソースにはリダイレクトが必要です。Sunset の告知がないか探してください。',
    },
    'http.method_not_allowed': {
      explanation: 'エンドポイントは存在しますが、このメソッドには対応していません（405）。',
      hint: 'API 仕様でメソッドを確認してください。',
    },
    'http.gone': {
      explanation: 'この API バージョンは廃止されました（410）。',
      hint: '後継バージョンに移行してください。',
    },
    'http.rate_limited': {
      explanation: 'API がチェックのリクエストを制限しました（429）。',
      hint: 'チェックの頻度を下げるか、クォータを引き上げてください。Retry-After と RateLimit ヘッダーを参照してください。',
    },
    'http.server_error': {
      explanation: 'サービスが未処理のエラーで失敗しました（5xx）。',
      hint: 'チェック時刻前後のサーバーログを確認してください。',
    },
    'http.upstream': {
      explanation: 'ゲートウェイ、またはサービスの背後にある依存先が失敗しました（502、503、504）。',
      hint: 'サービス自身の依存先を確認してください：データベース、外部 API、上流ホスト。',
    },
    'http.unexpected_status': {
      explanation: 'ステータスが許容範囲外です。',
      hint: 'ステータスをモニターの期待ステータスと比べてください。',
    },
    'http.redirect': {
      explanation: 'URL が想定外の場所へ、過剰な回数、またはループでリダイレクトしています。',
      hint: '監視する URL を最終的なリダイレクト先に更新するか、リダイレクトチェーンを修正してください。',
    },
    'http.insecure_redirect': {
      explanation:
        'https の URL が暗号化なしの http にリダイレクトしました。従うと、認証情報を含むリクエストが経路上の誰にでも読める形で送られます。',
      hint: 'リダイレクト先を https にするか、最終的な https の URL を直接監視してください。',
    },
    'net.timeout': {
      explanation: 'タイムアウトまでに応答がありませんでした：サービスが停止しているか過負荷です。',
      hint: 'リソースの飽和、遅いクエリ、停止したワーカーを確認してください。',
    },
    'net.dns': {
      explanation: 'ホスト名を解決できません。',
      hint: 'DNS レコードとモニターのホスト名を確認してください。',
    },
    'net.refused': {
      explanation:
        '接続が拒否またはリセットされました：何も待ち受けていないか、サービスがクラッシュしています。',
      hint: 'プロセスが起動していて、そのポートで待ち受けているか確認してください。',
    },
    'net.error': {
      explanation: 'ランタイムが種類を示さない形で接続に失敗しました。',
      hint: 'ホスト、ポート、途中のファイアウォールを確認してください。',
    },
    'tls.invalid': {
      explanation:
        '証明書が無効か期限切れ、または TLS ハンドシェイクに失敗しました：クライアントは信頼を確立できません。',
      hint: 'tls.* の検出事項または詳細で原因（期限切れ、名前の不一致、信頼されないチェーン）を確認し、更新するかチェーンを修正してください。',
    },
    'tls.unreadable': {
      explanation:
        'Lookout が証明書を読み取れませんでした（共通の TLS 1.3 鍵交換がない、hello が拒否されたなど）。証明書そのものの良し悪しは示しません。',
      hint: '詳細を確認してください。クライアントには問題がなく、Lookout から読めないだけの可能性があります。',
    },
    'assert.body': {
      explanation: 'API は応答していますが、内容が誤っています。',
      hint: '応答を仕様と比べてください。200 で返されるエラーページがないか探してください。',
    },
    'assert.header': {
      explanation: 'レスポンスヘッダーが欠けているか、誤っています。',
      hint: 'レスポンスヘッダーを確認してください：Content-Type、キャッシュ、CORS。',
    },
    'assert.latency': {
      explanation: '停止とみなすしきい値より遅く、実用に耐えません。',
      hint: 'リソースの飽和、コールドキャッシュ、重いエンドポイントを調べてください。',
    },
    'perf.slow': {
      explanation: '低下とみなすしきい値より遅く、遅くなりつつあります。',
      hint: '障害になる前に、リソースの飽和、コールドキャッシュ、重いエンドポイントを調べてください。',
    },
    'security.auth_not_enforced': {
      explanation:
        '認証情報を必須とすべきエンドポイントが、認証情報なしで 2xx を返しました：データが露出しています。',
      hint: '認証チェックを元に戻し、セキュリティインシデントとして扱ってください。',
    },
    'dependency.down': {
      explanation: 'このモニターが依存するモニターが停止しています。',
      hint: 'まず、示された依存先を確認してください。',
    },
    'heartbeat.missed': {
      explanation: 'プッシュ型モニターが、周期と猶予時間のうちに ping を送ってきませんでした。',
      hint: 'ping を送るはずのスケジュールジョブを確認してください。',
    },
    'heartbeat.failed': {
      explanation: 'プッシュ型モニターが失敗を報告しました（?status=fail）。',
      hint: 'ジョブ自身のログを確認してください。ping にそのメッセージが含まれていました。',
    },
    'vendor.outage': {
      explanation:
        'ベンダー自身のステータスページが、このモニターが追跡するコンポーネントの部分的または大規模な障害を報告しています。',
      hint: 'ベンダーのインシデント（検出事項にリンクあり）を確認し、代替手段に切り替えるか利用者に知らせてください。修正するのはベンダーです。',
    },
    'vendor.degraded': {
      explanation:
        'ベンダーのステータスページが、追跡中のコンポーネントについてパフォーマンス低下または未解決のインシデントを報告しています。',
      hint: 'ベンダーのインシデントを注視してください。呼び出しが遅くなったり失敗したりする前提で、リトライとタイムアウトを確認してください。',
    },
    'vendor.maintenance': {
      explanation: 'ベンダーのステータスページで、追跡中のコンポーネントがメンテナンス中になっています。',
      hint: 'ベンダーのメンテナンス告知で時間帯を確認してください。それまでコンポーネントは利用できない見込みです。',
    },
    'vendor.unreadable': {
      explanation:
        'ベンダーのステータスページが Lookout の読めるサマリーを返しませんでした（JSON でない、または Statuspage 形式でない）。ベンダーの状態については何も示しません。',
      hint: 'URL を開いて確認してください。ページのベース URL か、その /api/v2/summary.json を使ってください（Atlassian Statuspage と incident.io が提供しています）。',
    },
    'vendor.unknown_component': {
      explanation:
        'モニターが追跡するコンポーネントが、ベンダーのステータスページにありません（名前の変更、削除、または入力ミス）。',
      hint: 'モニターの components を修正してください：詳細に示された、ページにある名前か ID を指定します。',
    },
    'config.secret_missing': {
      explanation:
        'モニターが参照するシークレットが Worker に設定されていないため、チェックは送信されませんでした。',
      hint: '`wrangler secret put NAME` で設定してください（ローカルでは .dev.vars に）。',
    },
    'lookout.prober_failed': {
      explanation:
        'このリージョンの Lookout のプローバーが失敗したため、チェックは実行されませんでした。対象の状態については何も示しません。',
      hint: 'Worker のログ（`wrangler tail`）でプローバーのエラーを確認してください。',
    },
    'lookout.deadline_exceeded': {
      explanation:
        'ティックのプローブ期限が来た時点で、チェックはまだ実行中か、開始されていませんでした。対象の状態については何も示しません。',
      hint: '繰り返す場合は、最も遅いチェックのタイムアウトを短くしてください（フローは各ステップのタイムアウトを合計します）。',
    },
    'api.deprecated': {
      explanation: 'この API バージョンは非推奨です、または非推奨になります（Deprecation ヘッダー）。',
      hint: '提供終了の前に、後継バージョンへの移行を計画してください。',
    },
    'api.sunset_soon': {
      explanation: 'エンドポイントが動作を停止する日付を告知しています（Sunset ヘッダー）。',
      hint: 'その日付までに移行してください。後継へのリンクを参照してください。',
    },
    'api.sunset_invalid': {
      explanation:
        '提供元のライフサイクルヘッダーが誤っています：日付の形式が不正、または Sunset が Deprecation より前です。',
      hint: 'API の提供元に伝えてください。告知された日付を当てにしないでください。',
    },
    'credential.expiring': {
      explanation: 'チェックが送るトークンの有効期限が近づいています。',
      hint: '401 が出始める前に更新してください。',
    },
    'credential.long_lived': {
      explanation: 'チェックが送るトークンの有効期間が上限を超えています。',
      hint: '有効期間の長いトークンは漏えい時の被害を広げます。より短い期間のトークンを発行してください。',
    },
    'security.insecure_transport': {
      explanation:
        '通信が途中で読み取られたり改ざんされたりするおそれがあります：暗号化なしの HTTP、または HSTS のない HTTPS です。',
      hint: 'HTTPS のみで配信し、Strict-Transport-Security を送ってください。',
    },
    'tls.expiring': {
      explanation: '証明書の有効期限が近づいています。',
      hint: 'クライアントが失敗する前に更新し、自動更新が動いているか確認してください。',
    },
    'tls.expired': {
      explanation: '証明書の有効期限が切れています：クライアントはすでに接続を拒否しています。',
      hint: '今すぐ証明書を更新してデプロイし、その後、自動更新が動かなかった理由を調べてください。',
    },
    'tls.hostname_mismatch': {
      explanation: '証明書にこのホストが含まれていません：クライアントは拒否します。',
      hint: 'サブジェクト代替名（SAN）にホストを含めて再発行するか、この SNI に正しい証明書を返してください。',
    },
    'tls.untrusted': {
      explanation:
        '証明書チェーンが既知のルートに到達しません：自己署名、チェーンの欠落、または未知の CA です。',
      hint: '公的な CA の完全なチェーン（リーフと中間証明書）を返してください。',
    },
    'tls.weak': {
      explanation:
        '脆弱な TLS：2048 ビット未満の RSA 鍵、SHA-1 または MD5 の署名、または 1.2 より古い TLS です。',
      hint: 'RSA 2048+ または ECDSA と SHA-256 で再発行し、TLS 1.0 と 1.1 を無効にしてください。',
    },
    'domain.expiring': {
      explanation:
        '登録ドメインの期限が近づいています（RDAP の expiration イベント）。失効すると、その配下のすべての名前が解決できなくなります。',
      hint: '今すぐレジストラで更新し、今後も有効な支払い方法で自動更新を有効にしてください。',
    },
    'domain.expired': {
      explanation:
        '登録ドメインの期限が切れています：レジストリがすでに DNS から削除している可能性があります。',
      hint: 'ただちにレジストラで更新してください。猶予期間中ならまだ回復できます。',
    },
    'domain.no_rdap': {
      explanation:
        'このドメインの TLD には IANA のブートストラップレジストリに RDAP サービスがなく、有効期限を読み取れません。',
      hint: 'レジストラで有効期限を見守ってください。`npm run rdap:bootstrap` で同梱のレジストリのコピーを更新できます。',
    },
    'vendor.incident': {
      explanation:
        'ベンダーのステータスページに、このモニターが追跡するコンポーネントの未解決のインシデントがあります。',
      hint: 'インシデントのリンクからベンダーの最新情報を確認してください。',
    },
    'perf.large_payload': {
      explanation: 'レスポンスがサイズの上限を超えています。',
      hint: 'ページ分割、絞り込み、圧縮を検討してください。重いエンドポイントは遅く、壊れやすくなります。',
    },
  },
  regions: {
    wnam: '北米西部',
    enam: '北米東部',
    sam: '南米',
    weur: '西ヨーロッパ',
    eeur: '東ヨーロッパ',
    apac: 'アジア太平洋',
    oc: 'オセアニア',
    afr: 'アフリカ',
    me: '中東',
  },
} satisfies Language;
