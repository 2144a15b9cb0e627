import fs from 'node:fs';
import { fail, registerErrors } from '../errors.ts';

/**
 * A CJK font for printouts (公示单, 调解协议书 …). PDF viewers cannot draw Chinese from the standard 14
 * fonts, so a real CJK font is embedded (subset: only the glyphs used). Debian's fonts-noto-cjk is the
 * one CI installs; a .ttc collection is opened by its family name. Looked up once per process.
 */
export type CjkFont = { path: string; family: string; boldPath: string; boldFamily: string };

export const PRINT_ERRORS = registerErrors({
  PRINT_NO_CJK_FONT: {
    status: 500,
    zh: '服务器缺少中文字体，无法生成打印文件：请安装 Noto Sans CJK（Debian/Ubuntu：apt-get install fonts-noto-cjk），或用 GZ_CJK_FONT 指定字体文件',
    en: 'No CJK font on the server: install fonts-noto-cjk (or set GZ_CJK_FONT to a font file)',
  },
});

const CANDIDATES: readonly Candidate[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular', boldPath: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', boldFamily: 'NotoSansCJKsc-Bold' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular', boldPath: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', boldFamily: 'NotoSansCJKsc-Bold' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYi Zen Hei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
];

let cached: CjkFont | null | undefined;

type Candidate = { path: string; family: string; boldPath?: string; boldFamily?: string };

/** Finds a CJK font among the candidates; `override` is a font file (GZ_CJK_FONT: a .ttf/.otf, or a .ttc with "#Family"). Pure but for the file checks. */
export function lookUpCjkFont(options: { override?: string; candidates?: readonly Candidate[] } = {}): CjkFont | null {
  if (options.override) {
    const [file = '', family = ''] = options.override.split('#');
    if (fs.existsSync(file)) return { path: file, family, boldPath: file, boldFamily: family };
  }
  for (const c of options.candidates ?? CANDIDATES) {
    if (!fs.existsSync(c.path)) continue;
    const bold = c.boldPath !== undefined && fs.existsSync(c.boldPath);
    return { path: c.path, family: c.family, boldPath: bold ? (c.boldPath ?? c.path) : c.path, boldFamily: bold ? (c.boldFamily ?? c.family) : c.family };
  }
  return null;
}

/** The font of this process, looked up once. */
export function findCjkFont(): CjkFont | null {
  if (cached === undefined) cached = lookUpCjkFont({ override: process.env.GZ_CJK_FONT });
  return cached;
}

/** The font, or a clear zh-CN error (PRINT_NO_CJK_FONT) naming the package to install. */
export function requireCjkFont(font: CjkFont | null = findCjkFont()): CjkFont {
  return font ?? fail('PRINT_NO_CJK_FONT');
}
