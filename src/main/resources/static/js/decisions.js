// The decision queue: "Budget left if you award these" worked out again as boxes are ticked. The page works it out
// on the server too ("Work out budget"); this only saves the round trip. Texts come from the page (data-*).
const form = document.querySelector('form[data-kith-budget]');
const box = document.getElementById('budget-if-awarded');

function money(amount) {
  const whole = Math.round(amount * 100) % 100 === 0;
  return new Intl.NumberFormat('en-GB', {
    style: 'currency', currency: 'GBP',
    minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2,
  }).format(amount);
}

function pence(text) {
  return Math.round(parseFloat(text) * 100);
}

function update() {
  const ticked = Array.from(form.querySelectorAll('input[name="app"][data-amount]:checked'));
  const asked = ticked.reduce((sum, box) => sum + pence(box.dataset.amount), 0);
  const left = pence(box.dataset.left) - asked;
  let count = box.dataset.countMany.replace('{n}', ticked.length);
  if (ticked.length === 0) {
    count = box.dataset.countNone;
  } else if (ticked.length === 1) {
    count = box.dataset.countOne;
  }
  box.querySelector('[data-ticked-summary]').textContent = ticked.length === 0 ? box.dataset.noneTicked
    : box.dataset.summary.replace('{count}', count).replace('{amount}', money(asked / 100));
  const line = box.querySelector('[data-left-if-awarded]');
  line.textContent = box.dataset.leftText.replace('{amount}', money(left / 100));
  line.classList.toggle('kith-overspent', left < 0);
  box.querySelector('[data-overspent]').hidden = left >= 0;
}

if (form && box) {
  form.addEventListener('change', (event) => {
    if (event.target.matches('input[name="app"]')) {
      update();
    }
  });
}
