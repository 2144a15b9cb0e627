import { useTranslate, type Messages, type Translate } from '../shared/i18n';

/** The portal's own dictionary (kept apart from the console's so this bundle stays small). */
export const portalMessages = {
  'app.name': ['共治 · 居民服务', 'Gongzhi for residents'],
  'app.tagline': ['社区事，大家商量着办', 'Community matters, decided together'],
  'lang.switch': ['English', '中文'],
  'loading': ['正在加载…', 'Loading…'],
  'retry': ['重试', 'Try again'],
  'nav.back': ['返回', 'Back'],
  'notFound.title': ['页面不存在', 'Page not found'],
  'notFound.body': ['这个地址没有对应的页面，可能链接已过期。', 'Nothing lives at this address; the link may be out of date.'],
  'notFound.home': ['回到首页', 'Back to the home page'],

  'login.title': ['居民登录', 'Resident sign-in'],
  'login.phone': ['手机号', 'Mobile number'],
  'login.phone.placeholder': ['请输入11位手机号', '11-digit mobile number'],
  'login.phone.invalid': ['请输入正确的11位手机号', 'Enter a valid 11-digit mobile number'],
  'login.getCode': ['获取验证码', 'Get code'],
  'login.retryIn': ['{seconds} 秒后重发', 'Resend in {seconds}s'],
  'login.sending': ['正在发送…', 'Sending…'],
  'login.sent': ['验证码已发送，{minutes} 分钟内有效', 'Code sent. It is valid for {minutes} minutes.'],
  'login.code': ['验证码', 'Code'],
  'login.code.placeholder': ['短信验证码', 'Code from SMS'],
  'login.code.invalid': ['请输入短信中的验证码', 'Enter the code from the text message'],
  'login.submit': ['登录', 'Sign in'],
  'login.submitting': ['正在登录…', 'Signing in…'],
  'login.note': ['使用在社区登记的手机号登录。', 'Use the mobile number registered with your community.'],
  'login.demo': ['演示环境：短信不会真正发出，验证码可在工作台「短信发件箱」中查看。', 'Demo: no text is really sent; staff can read the code in the console’s SMS outbox.'],
  'login.staff': ['工作人员登录', 'Staff sign-in'],

  'home.hello': ['您好，{name}', 'Hello, {name}'],
  'home.community': ['所在社区', 'Community'],
  'home.address': ['住址', 'Address'],
  'home.roles': ['身份', 'Roles'],
  'home.services': ['社区服务', 'Services'],
  'home.soon': ['即将上线', 'Coming soon'],
  'home.board': ['公开栏', 'Public board'],
  'home.board.desc': ['党务、居务、财务公开', 'Party, community and finance notices'],
  'home.report': ['我要反映', 'Raise an issue'],
  'home.report.desc': ['小区里的问题，拍张照告诉社区', 'Tell your community about a problem, with a photo'],
  'home.demands': ['我的诉求', 'My requests'],
  'home.demands.desc': ['查看办理进度，对结果评价', 'Follow the handling and rate the result'],
  'home.demands.toRate': ['{count} 项待评价', '{count} to rate'],
  'home.solicitations': ['征求意见', 'Consultations'],
  'home.solicitations.desc': ['对社区议题发表意见', 'Give your opinion on community matters'],
  'home.solicitations.open': ['{count} 项待填写', '{count} open'],
  'home.topics': ['我的议题', 'My topics'],
  'home.topics.desc': ['民事民提：提出社区议题，查看进展', 'Raise a community topic and follow it'],
  'home.votes': ['我的表决', 'My votes'],
  'home.votes.desc': ['参加会议表决，逐项投票', 'Vote item by item in your meetings'],
  'home.votes.open': ['{count} 项待表决', '{count} to vote'],
  'home.logout': ['退出登录', 'Sign out'],
} as const satisfies Messages;

export type PortalT = Translate<typeof portalMessages>;

export function usePortalT(): PortalT {
  return useTranslate(portalMessages);
}
