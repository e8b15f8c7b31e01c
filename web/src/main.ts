const app = document.getElementById('app')!;
app.textContent = 'iplus';
