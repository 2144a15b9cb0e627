import { setLang, useLang } from '../shared/i18n';
import { usePortalT } from './messages';

export function LangToggle() {
  const t = usePortalT();
  const lang = useLang();
  return (
    <button type="button" className="p-link-button" data-testid="portal-lang" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
      {t('lang.switch')}
    </button>
  );
}
