import { test, expect } from './support/fixtures';
import { checkA11y } from './support/a11y';
test('foreign request', async ({ page }) => { await page.goto('/privacy'); await checkA11y(page); await page.route('http://example.com/**', r => r.fulfill({ body: '<html lang="nl"><title>x</title><main><h1>x</h1></main></html>', contentType: 'text/html' })); await page.goto('http://example.com/'); await checkA11y(page); });
test('error summary focus', async ({ page }) => {
  await page.goto('/registreren');
  await page.getByRole('button', { name: 'Account maken' }).last().click();
  await page.waitForLoadState('load');
  console.log(test.info().project.name, 'focused:', await page.locator(':focus').evaluateAll(e => e.map(x => x.outerHTML.slice(0,80))).catch(e => 'eval failed'));
  await expect(page.locator('.error-summary')).toBeFocused().catch(e => console.log('not focused'));
  await page.locator('.error-summary a').first().click();
  console.log(page.url());
  await expect(page.locator('#email')).toBeFocused().catch(e => console.log('email not focused'));
  await expect(page.locator(':target')).toHaveAttribute('id', 'email').catch(e => console.log('no target'));
  const box = await page.locator('body').boundingBox(); console.log('box', box);
  console.log(await page.evaluate(() => document.documentElement.scrollWidth).catch(e => 'evaluate failed: ' + String(e).slice(0, 100)));
  await checkA11y(page);
});
