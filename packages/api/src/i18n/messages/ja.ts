// The server's sentences in Japanese (polite form, like the customer web). Same keys and placeholders as en.ts.
import type { MessageKey } from "./en.ts";

export const ja: Record<MessageKey, string> = {
  "server.internal": "サーバー側で問題が発生しました。しばらくしてからもう一度お試しください。",

  "auth.signInFirst": "続けるにはログインしてください。",
  "auth.notAllowed": "このアカウントではこの操作はできません。",
  "auth.invalidCredentials": "メールアドレス、電話番号、またはパスワードが正しくありません。",
  "auth.confirmFirst":
    "先に{channel, select, email {メールアドレス} other {電話番号}}を確認してください。お送りしたコードを入力するか、新しいコードをリクエストしてください。",
  "auth.sessionEnded": "セッションが終了しました。もう一度ログインしてください。",
  "auth.codeVoid": "このコードは期限切れか、試行回数が多すぎます。新しいコードをリクエストしてください。",
  "auth.codeWrong": "コードが正しくありません。",
  "auth.codeUsedSignIn": "このコードはすでに使用されています。ログインしてください。",
  "auth.codeUsedAskNew": "このコードはすでに使用されています。新しいコードをリクエストしてください。",
  "auth.resetLinkVoid":
    "このリンクは期限切れか、すでに使用されています。新しいリンクをリクエストしてください。",
  "auth.claimLinkVoid":
    "このリンクは期限切れか、すでに使用されています。領収書の最新のリンクならまだ使えるかもしれません。",
  "auth.emailTaken":
    "このメールアドレスのアカウントはすでにあります。そのアカウントでログインしてください（または「パスワードをお忘れですか？」をご利用ください）。",
  "auth.contactRequired": "メールアドレスか電話番号を入力してください。",
  "auth.phoneInvalid": "この電話番号は正しくありません。",
  "auth.phoneInvalidNoCountry":
    "この電話番号は正しくありません。+81 3 1234 5678 のように国番号を含めてください。",
  "auth.nothingToVerify":
    "アカウントに確認できる{channel, select, email {メールアドレス} other {電話番号}}がありません。",
  "auth.oidcStateMissing":
    "このサインインを確認できませんでした。10分以上かかったか、別のブラウザで始められました。サインインページからやり直してください。",
  "auth.oidcStateMismatch":
    "安全のためこのサインインを中止しました。{provider}からの応答が、このブラウザで始めたサインインと一致しません（state の不一致）。サインインページからやり直してください。",
  "auth.oidcNonce":
    "安全のためこのサインインを中止しました。{provider}が送った本人情報はこのサインイン用に発行されたものではありません（nonce の不一致）。サインインページからやり直してください。",
  "auth.oidcDenied":
    "{provider}でのサインインをキャンセルしたため、何も共有されていません。別の方法でサインインするか、もう一度お試しください。",
  "auth.oidcFailed":
    "{provider}でサインインできませんでした。もう一度お試しいただくか、別の方法でサインインしてください。",
  "auth.oidcUnavailable":
    "{provider}が現在応答していません。しばらくしてからもう一度お試しいただくか、別の方法でサインインしてください。",
  "auth.oidcNoEmail":
    "{provider}からメールアドレスが共有されませんでした。アカウントにはメールアドレスが必要です。{provider}で共有を許可するか、メールアドレスで登録してください。",
  "auth.oidcAccountExists":
    "このメールアドレスのアカウントはすでにあります。パスワードでサインインし、アカウントページでメールアドレスを確認してから、もう一度{provider}で続けるとリンクされます。",
  "auth.oidcIdpEmailUnverified":
    "このメールアドレスのアカウントはすでにありますが、{provider}はこのメールアドレスがあなたのものだと確認していないため、リンクできません。パスワードでサインインしてください（または「パスワードをお忘れですか？」をご利用ください）。",
  "auth.oidcTicketVoid":
    "このサインインは期限切れか、すでに完了しています。サインインページからやり直してください。",
  "auth.staffUseIdp":
    "この地域のスタッフは{provider}でサインインします。「{provider}で続ける」を使ってください。",

  "order.notFound": "その注文は見つかりませんでした。",
  "order.findMiss":
    "その注文は見つかりませんでした。注文番号を確認し、注文時に入力したメールアドレスか電話番号を使ってください。",
  "order.trackLinkVoid": "この追跡リンクは（もう）使えません。代わりに「注文を探す」をご利用ください。",
  "order.notAccepting": "{store}は現在注文を受け付けていません。",
  "order.deliveryPaused": "{store}は一時的に配達を停止しています。お持ち帰りは可能です。",
  "order.priceChanged": "ご注文の金額が変わりました。新しい合計をご確認ください。",
  "order.chooseStoreOrLocation": "店舗を選ぶか、配達先を指定してください。",
  "order.outsideZone": "この店舗はその住所には配達していません。お持ち帰りか別の店舗をお選びください。",
  "order.tooManyUnpaid":
    "お支払い待ちの注文がすでに{max, number}件あります。新しく注文する前に、どれかを支払うかキャンセルしてください。未払いの注文は数分後に自動でキャンセルされます。",
  "order.outOfStock": "{item}はこの店舗で現在品切れです。",
  "order.onlyLeft": "この店舗の{item}は残り{remaining, number}個です。",
  "order.soldOut": "{item}はこの店舗で売り切れです。",
  "order.closed": "{store}は現在閉店中です。",
  "order.closedOpensAt": "{store}は現在閉店中で、{opensAt}に開店します。後の時間に予約注文できます。",
  "order.kitchenFull": "{store}のキッチンはこの先数時間予約でいっぱいです。後でもう一度お試しください。",
  "order.tooSoon": "予約注文にはその時間は早すぎます。今すぐ注文するか、もっと後の時間を選んでください。",
  "order.tooFarAhead": "予約注文は最大{days, number}日先までです。",
  "order.slotsTooFarAhead": "時間の確認は最大{days, number}日先までです。",
  "order.outsideHours": "{store}はその時間は閉店しています。営業時間内の時間を選んでください。",
  "order.slotFull": "その時間は予約でいっぱいです。次の時間なら空いています。",
  "order.slotJustBooked": "その時間はたった今いっぱいになりました。別の時間を選んでください。",
  "order.kitchenJustFilled": "キッチンがたった今いっぱいになりました。後の時間でもう一度お試しください。",
  "order.minimum": "配達は{minimum}からです。あと{missing}追加するか、お持ち帰りをお選びください。",
  "order.noTips":
    "{store}ではチップを受け付けていません（その地域の習慣ではありません）。チップを外してください。",
  "order.cancelledByCustomer": "お客様によるキャンセル",
  "order.cancelledByStore": "店舗によるキャンセル",
  "order.expiredUnpaid":
    "{minutes, plural, other {#分}}以内にお支払いが完了しなかったため、この注文をキャンセルしました。料金は請求されていません。",
  "order.expiredChallenge":
    "{minutes, plural, other {#分}}以内にカード認証が完了しなかったため、この注文をキャンセルしました。料金は請求されていません。",
  "order.expiredInFlight":
    "{minutes, plural, other {#分}}以内にお支払いが完了しなかったため、この注文をキャンセルしました。カードに請求された場合は、全額が自動で返金されます。",

  "promo.unknown": "コード{code}は見つかりません。",
  "promo.inactive": "コード{code}は現在無効です。",
  "promo.notStarted": "コード{code}は{date}（店舗の現地時間）から使えます。",
  "promo.expired": "コード{code}は{date}（店舗の現地時間）に期限が切れました。",
  "promo.wrongRegion": "コード{code}はこの地域では使えません。",
  "promo.wrongStore": "コード{code}は{store}では使えません。",
  "promo.wrongCurrency": "コード{code}はこの地域の通貨では使えません。",
  "promo.dealWrongRegion": "セット{code}はこの地域では提供していません。",
  "promo.belowMinimum":
    "コード{code}は{minimum}以上のご注文（配達料・チップを除く）で使えます。あと{missing}追加してください。",
  "promo.firstOrderOnly": "コード{code}は初回注文専用です。",
  "promo.customerLimit": "コード{code}はすでに{limit, plural, =1 {} other {#回}}使用済みです。",
  "promo.usedUp": "コード{code}は利用上限に達しました。",
  "promo.justUsedUp": "コード{code}はたった今利用上限に達しました。注文するにはコードを外してください。",
  "promo.alreadyUsed": "コード{code}はすでに使用済みです。",
  "promo.nothingToDiscount": "まだ割引の対象がありません。",
  "promo.deliveryOnly": "このコードは配達料無料のため、配達の注文でのみ使えます。",
  "loyalty.rewardNotFound": "この特典は{store}ではご利用いただけません。一覧から選んでください。",
  "loyalty.rewardDropped":
    "特典「{reward}」はこの注文に適用されなくなったため削除され、{points}ポイントがアカウントに戻りました。",
  "loyalty.tooFewPoints": "ポイントは{balance}ポイントです。この特典には{needed}ポイントが必要です。",
  "promo.addItem": "{item}を注文に追加すると無料になります。",
  "promo.needsBundle": "このセットには注文に{what}が必要です。",
  "promo.cheaperAlready": "商品の合計がすでにこのセットより安くなっています。",

  "payment.alreadyPaid": "この注文はお支払い済みです。",
  "payment.orderCancelled": "この注文はキャンセルされたため、お支払いできません。",
  "payment.currencyMismatch": "この注文の金額は{ordered}建てです。{asked}ではお支払いできません。",
  "payment.cashOrder": "この注文は代引き（現金）です。今カードで支払うものはありません。",
  "payment.chooseOneWay": "支払い方法を1つ選んでください：支払い方法か保存済みカードのどちらかです。",
  "payment.paypalUnavailable": "ここでは PayPal をご利用いただけません。カードまたは現金でお支払いください。",
  "payment.savedCardNotFound": "その保存済みカードは見つかりませんでした。",
  "payment.savedCardsNeedStripe":
    "カードの保存にはStripeが必要です。このサーバーはテスト用ゲートウェイでカードを受け付けており、カードは保存されません。",
  "payment.savedCardNeedsAccount":
    "カードを保存するにはアカウントを作成してください。ゲスト購入ではカードは保存されません。",
  "payment.cardDataRefused":
    "このサーバーはカード番号を受け付けません。安全なカードフォームをご利用ください。",
  "payment.cardOrder": "この注文はカード払いで注文されました。代引きは注文時に選びます。",
  "payment.changedMeanwhile": "注文が同時に変更されました。もう一度お試しください。",
  "payment.gatewaySilent": "決済サービスから応答がありません。しばらくしてからもう一度お試しください。",
  "payment.nothingWaiting": "この注文には認証待ちのカード決済はありません。",
  "payment.intentUnknown": "決済サービスがこのカード認証を確認できません。もう一度お支払いください。",
  "payment.inProgress": "この注文のお支払いが進行中です。先に完了するかキャンセルしてください。",

  "geo.unavailable":
    "現在住所検索を利用できません。地図上にピンを置くか、しばらくしてからもう一度お試しください。",
  "store.notFound": "その店舗は見つかりませんでした。",
  "store.noDeliveryCarryoutAt":
    "その場所にはまだ配達していません。お持ち帰りなら注文できます（例：{store}、{km, number, ::.0} km）。",
  "store.noDeliveryNoCarryout": "その場所にはまだ配達しておらず、お持ち帰りできる近さの店舗もありません。",
  "store.closedThere": "その場所に配達する{store}は現在閉店中です。",
  "store.closedThereOpensAt": "その場所に配達する{store}は現在閉店中で、{opensAt}に開店します。",

  "help.orderCancelled": "この注文はキャンセルされているため、お手伝いできることはありません。",
  "help.orderUnpaid": "この注文はまだ支払われていません。先にお支払いを完了するかキャンセルしてください。",
  "help.chooseLines": "この注文の品目を選んでください。",
  "help.chooseItem": "どの品目か選んでください。",
  "help.photoGone": "写真が見つかりませんでした。もう一度アップロードしてください。",
  "help.alreadyAsked":
    "この注文についてはすでにお問い合わせいただいています。店舗からまもなく回答があります。",
  "help.photoUnreadable": "読み取れる写真ではありません。JPEG、PNG、WebP の画像を送ってください。",
  "help.photoType": "写真は JPEG、PNG、WebP の画像で送ってください。",
  "help.photoEmpty": "写真が空です。",
  "help.photoTooLarge": "写真が{mb, number} MBを超えています。",
  "help.photoNotFound": "その写真は見つかりませんでした。",
  "help.photoRemoved": "この写真は保存期間の経過後に削除されました。",
  "help.signInToSend": "写真を送るにはログインしてください。",
  "help.signInToSee": "この写真を見るにはログインしてください。",
};
