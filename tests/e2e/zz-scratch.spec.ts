import { test, expect } from './support/fixtures';
import { checkA11y } from './support/a11y';
test('origin header', async ({ page }) => {
  page.on('request', async (r) => { if (r.method() === 'POST') console.log(test.info().project.name, r.url(), JSON.stringify(await r.allHeaders())); });
  page.on('response', (r) => { if (r.request().method() === 'POST') console.log('->', r.status()); });
  await page.goto('/registreren');
  await page.getByRole('button', { name: 'Account maken' }).last().click();
  await page.waitForLoadState('load');
  await page.waitForTimeout(500);
});
