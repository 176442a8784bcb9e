// The till: the sandbox's test codes fill the code field; a payment under way is followed until it has an outcome.
(function () {
    for (const button of document.querySelectorAll('button.use-code')) {
        button.addEventListener('click', () => {
            const code = document.getElementById('code');
            if (code) {
                code.value = button.dataset.code;
                code.focus();
            }
        });
    }
    const till = document.getElementById('till');
    if (!till || till.dataset.underWay !== 'true') {
        return;
    }
    const url = '/in-store/' + encodeURIComponent(till.dataset.order) + '/status';
    function poll() {
        fetch(url, { headers: { 'Accept': 'application/json' } })
            .then((response) => response.ok ? response.json() : Promise.reject(response.status))
            .then((state) => {
                if (state.underWay && state.status === 'wait') {
                    setTimeout(poll, 1000);
                }
                else {
                    // The outcome is known: the page shows it, with the refusal or the next step.
                    window.location.replace(window.location.pathname);
                }
            })
            .catch(() => setTimeout(poll, 3000));
    }
    setTimeout(poll, 1000);
})();
