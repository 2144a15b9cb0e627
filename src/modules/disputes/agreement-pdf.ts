import { createA4Document, MM } from '../../platform/print/a4-document.ts';

/**
 * The 人民调解协议书 on A4 for signing. Contents per 人民调解法 art. 29: the parties' basic information,
 * the main facts, the points of dispute and each party's responsibility, the agreed content and how and
 * when it is performed; signed (or thumb-printed) by the parties, signed by the mediators and sealed by
 * the people's mediation committee; one copy each for the parties and the committee.
 */
export type AgreementPrint = {
  number: string;
  committeeName: string;
  parties: { roleLabel: string; name: string; gender: string; age: string; ethnicity: string; address: string; idNumber: string }[];
  facts: string;
  issues: string;
  responsibilities: string;
  terms: string;
  performance: string;
  mediators: string[];
  copies: number;
  signedOn: string | null;
  judicialDeadline: string | null;
};

function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export async function renderAgreementPdf(a: AgreementPrint): Promise<Buffer> {
  const { doc, finish, contentWidth } = createA4Document({ title: `人民调解协议书 ${a.number}`, subject: '人民调解协议书 / Mediation agreement' });
  const left = doc.page.margins.left;
  const section = (title: string, body: string) => {
    doc.moveDown(0.6);
    doc.font('cjk-bold').fontSize(13).fillColor('#000').text(title, left, doc.y, { width: contentWidth });
    doc.moveDown(0.2);
    doc.font('cjk').fontSize(12).text(body || '（无）', left, doc.y, { width: contentWidth, lineGap: 4, paragraphGap: 4 });
  };

  doc.font('cjk-bold').fontSize(22).fillColor('#000').text('人民调解协议书', { align: 'center' });
  doc.moveDown(0.3);
  doc.font('cjk').fontSize(11).fillColor('#333').text(`${a.committeeName}　　编号：${a.number}`, { align: 'center' });
  doc.moveDown(0.6);
  doc.moveTo(left, doc.y).lineTo(left + contentWidth, doc.y).lineWidth(0.8).strokeColor('#999').stroke();

  doc.moveDown(0.6);
  doc.font('cjk-bold').fontSize(13).fillColor('#000').text('一、当事人基本情况', left, doc.y, { width: contentWidth });
  for (const p of a.parties) {
    doc.moveDown(0.3);
    doc.font('cjk').fontSize(12).text(`${p.roleLabel}：${p.name}，性别：${p.gender}，年龄：${p.age}，民族：${p.ethnicity}`, left, doc.y, { width: contentWidth });
    doc.text(`住址：${p.address}　　身份证号：${p.idNumber}`, { width: contentWidth });
  }
  section('二、纠纷的主要事实', a.facts);
  section('三、争议事项', a.issues);
  section('四、各方当事人的责任', a.responsibilities);
  section('五、经调解，当事人自愿达成如下协议', a.terms);
  section('六、履行方式和期限', a.performance);
  doc.moveDown(0.6);
  doc.font('cjk').fontSize(11).fillColor('#333').text(
    `本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。经人民调解委员会调解达成的调解协议具有法律约束力，当事人应当按照约定履行（人民调解法第 31 条）。双方当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认（人民调解法第 33 条）${a.judicialDeadline ? `，即 ${chineseDate(a.judicialDeadline)} 前` : ''}。本协议一式 ${a.copies} 份，当事人、人民调解委员会各执一份。`,
    left,
    doc.y,
    { width: contentWidth, lineGap: 3 },
  );

  // Signatures: kept together (a new page when they do not fit).
  const blockH = (a.parties.length + 3) * 11 * MM + 30 * MM;
  doc.moveDown(1);
  if (doc.y + blockH > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font('cjk').fontSize(12).fillColor('#000');
  for (const p of a.parties) {
    doc.text(`${p.roleLabel}（签名或按指印）：____________________　　日期：____年__月__日`, left, doc.y + 3 * MM, { width: contentWidth });
  }
  doc.moveDown(0.6);
  doc.text(`人民调解员（签名）：${a.mediators.join('、')}　____________________`, left, doc.y + 3 * MM, { width: contentWidth });
  doc.moveDown(1.2);
  const sealTop = doc.y;
  const sealSize = 36 * MM;
  const sealX = left + contentWidth - sealSize;
  doc.circle(sealX + sealSize / 2, sealTop + sealSize / 2, sealSize / 2).dash(3, { space: 3 }).lineWidth(0.8).strokeColor('#a8071a').stroke().undash();
  doc.font('cjk').fontSize(10).fillColor('#a8071a').text('人民调解委员会\n（盖章）', sealX, sealTop + sealSize / 2 - 12, { width: sealSize, align: 'center' });
  doc.font('cjk').fontSize(12).fillColor('#000').text(`${a.committeeName}`, left, sealTop + 8 * MM, { width: contentWidth - sealSize - 4 * MM });
  doc.text(a.signedOn ? chineseDate(a.signedOn) : '______年____月____日', left, sealTop + 16 * MM, { width: contentWidth - sealSize - 4 * MM });
  return finish();
}
