import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { setLang, useLang } from '../../shared/i18n';

/** Shows the language one can switch to, in that language. */
export function LangSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const lang = useLang();
  return (
    <Button
      type={type}
      icon={<TranslationOutlined />}
      data-testid="lang-switch"
      lang={lang === 'en' ? 'zh-CN' : 'en'}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {lang === 'en' ? '中文' : 'EN'}
    </Button>
  );
}
