import { useTranslate, type Messages, type Translate } from '../../shared/i18n';

/** Strings of the portal's demand screens (我要反映, 我的诉求); loaded with those screens only. */
export const portalDemandsMessages = {
  'list.title': ['我的诉求', 'My requests'],
  'list.intro': ['您反映的问题，社区会按时限办理；每一步都能在这里看到。', 'The community handles what you raise within set time limits; every step shows here.'],
  'list.new': ['我要反映', 'Raise an issue'],
  'list.empty': ['您还没有反映过问题。', 'You have not raised anything yet.'],
  'list.filed': ['{date} 提交', 'Sent {date}'],
  'list.rate': ['请评价', 'Please rate'],

  'new.title': ['我要反映', 'Raise an issue'],
  'new.intro': ['遇到小区里的问题，在这里告诉社区。我们会在时限内回复和办理。', 'Tell your community about a problem; it answers and acts within set time limits.'],
  'new.category': ['1. 是哪一类问题？', '1. What kind of problem?'],
  'new.subcategory': ['再选具体一点（可不选）', 'More precisely (optional)'],
  'new.subcategory.none': ['不确定 / 其他', 'Not sure / other'],
  'new.category.required': ['请选择问题类别', 'Choose the kind of problem'],
  'new.limits': ['{respond}内回复，{finish}内办结', 'Answer within {respond}, done within {finish}'],
  'new.what': ['2. 简单说说是什么事', '2. What is it, in a few words'],
  'new.what.placeholder': ['例如：3栋楼道灯不亮', 'e.g. The stair light in block 3 is out'],
  'new.what.required': ['请写一句话说明问题', 'Say in a sentence what the problem is'],
  'new.details': ['3. 详细情况（可不填）', '3. Details (optional)'],
  'new.details.placeholder': ['在哪里、从什么时候开始、影响到谁……', 'Where, since when, who is affected…'],
  'new.photos': ['4. 拍照或选照片（最多 6 张，可不加）', '4. Photos (up to 6, optional)'],
  'new.addPhoto': ['＋ 加照片', '+ Add photo'],
  'new.removePhoto': ['删除', 'Remove'],
  'new.photoFailed': ['这张照片无法使用，请换一张', 'That photo cannot be used; try another'],
  'new.location': ['5. 位置（可不加）', '5. Location (optional)'],
  'new.useLocation': ['使用当前位置', 'Use my current location'],
  'new.locating': ['正在获取位置…', 'Finding your location…'],
  'new.located': ['已加上位置', 'Location added'],
  'new.locationFailed': ['没能获取位置，可以不加', 'Could not get the location; you can leave it out'],
  'new.removeLocation': ['不加位置', 'Remove location'],
  'new.submit': ['提交', 'Send'],
  'new.submitting': ['正在提交…', 'Sending…'],

  'done.title': ['已收到', 'Received'],
  'done.body': ['您反映的问题社区已经收到。', 'Your community has received it.'],
  'done.respondBy': ['最晚 {at} 前回复您', 'You will hear back by {at}'],
  'done.finishBy': ['最晚 {at} 前办结', 'It should be done by {at}'],
  'done.similar': ['已有类似诉求正在办理，社区会一并处理。', 'A similar request is already being handled; the community will deal with both together.'],
  'done.view': ['查看办理进度', 'Follow its progress'],
  'done.home': ['回到首页', 'Back to the home page'],

  'detail.title': ['诉求详情', 'Request'],
  'detail.finishBy': ['办结时限：{at}', 'To be done by {at}'],
  'detail.overdue': ['已超过办结时限，社区正在督办', 'Past its time limit; the community is following up'],
  'detail.history': ['办理进度', 'Progress'],
  'detail.reason': ['原因：{reason}', 'Reason: {reason}'],
  'detail.photos': ['已附 {n} 张照片', '{n} photos attached'],
  'detail.notFound': ['这条诉求不存在。', 'This request does not exist.'],
  'rate.title': ['对办理结果满意吗？', 'Are you satisfied with the result?'],
  'rate.satisfied': ['满意', 'Satisfied'],
  'rate.basically_satisfied': ['基本满意', 'Mostly satisfied'],
  'rate.unsatisfied': ['不满意', 'Not satisfied'],
  'rate.comment': ['想说的话（可不填）', 'Comments (optional)'],
  'rate.unsatisfiedHint': ['选「不满意」，社区会重新办理并上门回访。', 'If you are not satisfied, the community handles it again and visits you.'],
  'rate.submit': ['提交评价', 'Send rating'],
  'rate.thanks': ['谢谢您的评价！', 'Thank you for your rating!'],
  'rate.pick': ['请先选择满意程度', 'Choose how satisfied you are'],
  'rate.yours': ['您的评价：{rating}', 'Your rating: {rating}'],
  'reopen.title': ['问题没有解决？', 'Not solved?'],
  'reopen.hint': ['办结后 7 天内可以申请重新办理，请说明原因。', 'Within 7 days of completion you may ask for it to be handled again; say why.'],
  'reopen.reason': ['原因', 'Reason'],
  'reopen.required': ['请写明原因', 'Say why'],
  'reopen.submit': ['申请重新办理', 'Ask to handle it again'],
  'reopen.done': ['已申请重新办理，社区会再次处理。', 'Sent: the community will handle it again.'],
} as const satisfies Messages;

export type PortalDemandsT = Translate<typeof portalDemandsMessages>;

export function usePortalDemandsT(): PortalDemandsT {
  return useTranslate(portalDemandsMessages);
}
