// Keeps the order page current without reloading it: polls the order's status until it is settled.
(function () {
    const main = document.getElementById('order');
    if (!main) {
        return;
    }
    const url = '/orders/' + encodeURIComponent(main.dataset.order) + '/status';
    const statusEl = document.getElementById('status');
    function show(state) {
        statusEl.textContent = state.label;
        statusEl.className = 'status ' + state.status;
        document.getElementById('fulfilled').hidden = !state.fulfilled;
        if (state.status !== 'wait') {
            for (const id of ['qr-section', 'actions']) {
                const el = document.getElementById(id);
                if (el) {
                    el.remove();
                }
            }
        }
        return state.status !== 'wait' && (state.status !== 'success' || state.fulfilled);
    }
    function poll() {
        fetch(url, { headers: { 'Accept': 'application/json' } })
            .then((response) => response.ok ? response.json() : Promise.reject(response.status))
            .then((state) => { if (!show(state)) { setTimeout(poll, 1000); } })
            .catch(() => setTimeout(poll, 3000));
    }
    setTimeout(poll, 1000);
})();
