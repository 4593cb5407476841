// `npm start`: the TV app with the simulated card and platform. Until the app lands (issue 6/7),
// it says so instead of pretending.
console.log('madoguchi: the TV app arrives with a later change.');
console.log('  The card path works today: `npm run virtual-card -- --help`, and `npm test` runs it all.');
console.log('madoguchi: TV アプリは今後の変更で追加されます。');
