### Les pages de Darkroom, en français.
###
### Review: draft translation, not yet reviewed by a native speaker.
###
### Translated from locales/en/pages.ftl; see docs/translating.md.

## Every page

site-tag = boîte de dépôt sécurisée
site-demo = DÉMO : ce serveur fonctionne avec des clés de démonstration créées sur cette machine. N’envoyez rien de réel.
nav-label = Principal
nav-submit = Envoyer
nav-inbox = Réponses
nav-verify = Vérifier une preuve
lang-label = Langue
site-footer = Darkroom : les fichiers sont chiffrés avec la clé de la rédaction ; ce serveur ne conserve rien qu’il puisse lire.

## The landing page

landing-heading = Envoyez à { $newsroom } une photo ou un document, en sécurité
landing-intro =
    Les fichiers envoyés ici sont chiffrés avec la clé de la rédaction avant d’être conservés.
    Ce serveur ne détient aucune clé capable de les ouvrir, ne garde aucune trace de votre identité
    (ni adresse IP, ni détails du navigateur) et ne conserve que le jour d’arrivée d’un fichier.
    Les envois sont supprimés automatiquement au bout d’environ { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }.
landing-before = Avant de commencer
landing-tor = Utilisez le <strong>Navigateur Tor</strong>, sur un appareil et un réseau sans lien avec votre travail.
landing-metadata = Les photos contiennent des informations cachées (position GPS, numéro de série de l’appareil, auteur). Darkroom les supprime, mais le contenu d’une photo peut encore révéler qui vous êtes ou où vous êtes.
landing-ways = Façons d’envoyer
landing-way-page = <strong>La <a href="/submit">page d’envoi</a></strong>, avec JavaScript activé (niveau « Standard » ou « Plus sûr » du Navigateur Tor) : vos fichiers sont nettoyés et chiffrés dans votre navigateur et, là où WebAssembly fonctionne (« Standard »), une photo signée peut porter une preuve qu’il s’agit d’une prise de vue non modifiée. Ce serveur ne reçoit que l’enveloppe chiffrée.
landing-way-cli = <strong>L’outil en ligne de commande <code>darkroom</code></strong>, qui fait la même chose sur votre propre appareil, sans navigateur, et vérifie le manifeste signé de la rédaction avec la clé que vous lui donnez :
landing-way-form = <strong>Le formulaire simple de la <a href="/submit">page d’envoi</a></strong>, qui fonctionne JavaScript désactivé (niveau « Le plus sûr » du Navigateur Tor). <em>Ce que cette voie suppose :</em> votre fichier parvient à ce serveur par votre connexion (Tor) <strong>avant</strong> d’être chiffré. Le serveur le nettoie et le chiffre en mémoire sans jamais l’écrire sur le disque, mais vous devez faire confiance à ce serveur pour exécuter le code publié de Darkroom sans avoir été altéré. Si c’est trop de confiance, utilisez l’une des deux premières voies.
landing-way-form-off = Le formulaire simple, où ce serveur chiffre votre fichier, est désactivé ici : seuls les fichiers chiffrés sur votre propre appareil sont acceptés.
landing-code = Le code qu’exécute votre navigateur
landing-code-intro = La page d’envoi chiffre avec le client WebAssembly de Darkroom ou, là où WebAssembly est désactivé, avec le même client traduit en JavaScript ; chacun peut reconstruire les deux à l’octet près depuis les sources (<code>scripts/build-web --check</code>). Ce serveur envoie :
landing-code-bundle = Paquet du client (SHA-256 de son <a href="/static/client/SHA256SUMS">SHA256SUMS</a>)
landing-code-wasm = Client WebAssembly (SHA-256)
landing-code-js = Client JavaScript (intégrité des sous-ressources)
landing-code-verify-js = Vérificateur de publications en JavaScript (intégrité des sous-ressources)
landing-code-script = Script de la page (intégrité des sous-ressources)
landing-code-compare = Comparez-les avec le README de la version de Darkroom que cette rédaction dit utiliser.
landing-key = La clé de la rédaction
landing-key-intro = { $newsroom } signe ce à quoi votre client se fie (les clés avec lesquelles il chiffre, les registres d’appareils photo servant aux preuves, le code de cette page) avec sa clé de signature, que ce serveur ne détient pas. Votre client vérifie cette signature avant d’envoyer quoi que ce soit. <strong>Comparez cette clé avec celle que { $newsroom } publie ailleurs</strong> (son site web, la presse, un annuaire) : si ce serveur vous en montrait une autre, la vérification ne prouverait rien.
landing-key-signing = Clé de signature de la rédaction
landing-key-words = Son empreinte, en mots
landing-key-cli = Avec l’outil en ligne de commande, donnez-la une fois :
landing-key-none = Ce serveur ne publie aucun manifeste signé de la rédaction : votre client n’a donc rien pour vérifier ses clés.
landing-recipients = Les enveloppes sont scellées pour ces destinataires age, { $protection } :
protection-hybrid = clés hybrides post-quantiques (ML-KEM-768 avec X25519)
protection-classical = clés classiques (X25519 seulement, sans protection contre un futur ordinateur quantique)

## The submit page

submit-title = Envoyer
submit-heading = Envoyer des fichiers
submit-loading = Chargement du code qui chiffre vos fichiers sur cet appareil…
submit-newsroom = Cette page ne chiffre qu’avec les clés que <strong class="newsroom-name"></strong> a signées avec sa clé de rédaction <code class="newsroom-key"></code>, en mots <strong class="newsroom-fingerprint"></strong> (valable jusqu’au <span class="newsroom-expires"></span>). <strong>Comparez avec ce que <span class="newsroom-name"></span> publie</strong> ailleurs (son site web, la presse) : en cas de différence, n’envoyez rien.
submit-sealed-to = Les fichiers sont scellés pour ses <strong class="newsroom-protection"></strong>. Cet onglet retient que le manifeste vérifié a été émis le <span class="newsroom-issued"></span>, et en refuse un plus ancien jusqu’à ce que vous fermiez l’onglet.
submit-demo = Ceci est une rédaction de DÉMONSTRATION avec des clés de test : n’envoyez rien de réel.
submit-paste-key = Pour la faire vérifier ici, collez la clé que publie la rédaction (facultatif)
submit-key-checked = La clé que vous avez collée a signé le manifeste de cette rédaction.
submit-here = Vos fichiers sont débarrassés de leurs métadonnées cachées et chiffrés <strong>ici, dans votre navigateur</strong>, avant tout envoi. Ce serveur ne reçoit que des enveloppes qu’il ne peut pas ouvrir.
submit-js-note = WebAssembly est désactivé dans ce navigateur (dans le Navigateur Tor, le niveau de sécurité « Plus sûr » le désactive) : cette page exécute donc le même code de chiffrement traduit en JavaScript. C’est plus lent, et vos fichiers ne quittent toujours cet appareil que chiffrés. Les preuves qu’une photo est une prise de vue non modifiée ne sont pas faites ici.
submit-files = Fichiers ({ $mib } Mio au plus chacun ; vous pouvez en choisir plusieurs à la fois)
submit-proof-js = Une photo choisie ici est signée par un appareil de capture : elle pourrait porter une preuve qu’elle n’a pas été modifiée, mais les preuves ne sont pas faites sans WebAssembly, ce serait bien trop long. Pour en joindre une, envoyez-la depuis le Navigateur Tor au niveau de sécurité « Standard », ou faites la preuve sur votre propre appareil avec <code>darkroom prove</code> et envoyez-la avec <code>darkroom submit</code>. Sans preuve, la photo est quand même nettoyée et chiffrée ici.
submit-proof-legend = Preuve qu’une photo est une prise de vue non modifiée (facultatif)
submit-proof-intro = Une photo signée par un appareil auquel cette rédaction fait confiance peut porter une preuve à divulgation nulle de connaissance qu’elle n’a pas été modifiée depuis la prise de vue. La preuve ne montre ni la photo ni l’appareil : seulement le moment et le lieu que vous choisissez ici.
submit-proof-on = Joindre une preuve aux photos signées
submit-proof-window = Moment que montre la preuve
submit-window-day = le jour de la prise de vue
submit-window-month = seulement le mois
submit-window-year = seulement l’année
submit-window-none = rien sur le moment
submit-proof-region = Lieu que montre la preuve
submit-region-none = rien sur le lieu
submit-region-1 = un carré de 1° autour (environ 100 km)
submit-region-10 = un carré de 10° autour (environ 1 000 km)
submit-region-30 = un carré de 30° autour
submit-codename-legend = Réponses (facultatif)
submit-codename-on = Obtenir un nom de code, pour que la rédaction puisse me répondre
submit-codename-shown = Votre nom de code, affiché cette seule fois :
submit-codename-keep = Il vous permet de lire les réponses de la rédaction sur la page <a href="/inbox">Réponses</a>. Quiconque le possède peut aussi les lire, et personne ne peut le retrouver pour vous. Notez-le sur papier et gardez-le en lieu sûr ; ne l’enregistrez ni dans ce navigateur ni sur cet appareil.
submit-message = Message à la rédaction (facultatif ; il est chiffré avec vos fichiers)
submit-send = Chiffrer et envoyer
submit-received = Reçu
submit-receipts = Chaque fichier est conservé, chiffré avec la clé de la rédaction. Garder ces reçus est facultatif ; ils pourraient vous relier à votre envoi si quelqu’un les trouvait.
submit-client = Client : <span id="client-version"></span>, SHA-256 <code>{ $sha256 }</code>.
submit-unavailable = Votre navigateur ne peut pas chiffrer de fichiers sur cette page.
submit-you-can = Vous pouvez :
submit-use-cli = utiliser l’<strong>outil en ligne de commande</strong>, qui chiffre sur votre propre appareil :
submit-use-form = utiliser le <strong>formulaire ci-dessous</strong>, où ce serveur chiffre votre fichier (lisez ce que cela suppose) ;
submit-use-standard = ou, dans le Navigateur Tor, régler le niveau de sécurité sur « Standard » (cela vaut pour tous les sites jusqu’à ce que vous le rétablissiez).
submit-plain-newsroom = Cette boîte de dépôt appartient à <strong>{ $newsroom }</strong>, dont la clé de rédaction est <code>{ $key }</code>, en mots <strong>{ $words }</strong>. <strong>Comparez avec ce que { $newsroom } publie</strong> ailleurs (son site web, la presse) : en cas de différence, n’envoyez rien. Sans JavaScript, cette page ne peut pas vérifier elle-même la signature de la rédaction ; elle montre ce que le serveur a lu dans le manifeste signé de la rédaction.
submit-plain-keep = Pour garder votre fichier sur votre appareil jusqu’à ce qu’il soit chiffré : dans le Navigateur Tor, choisissez le niveau de sécurité <strong>« Plus sûr »</strong> (cette page chiffre alors dans votre navigateur, avec JavaScript mais sans WebAssembly), ou utilisez l’outil en ligne de commande, qui vérifie aussi la signature de la rédaction :
submit-plain-trust = Ce formulaire fonctionne sans JavaScript. <strong>Votre fichier parvient à ce serveur avant d’être chiffré :</strong> le serveur en retire les métadonnées et le scelle avec la clé de la rédaction en mémoire, sans jamais l’écrire sur le disque.
submit-plain-message = Message à la rédaction (facultatif)
submit-plain-file = Fichier ({ $mib } Mio au plus)
submit-plain-as-is = L’envoyer tel quel si Darkroom ne peut pas en retirer les métadonnées (par exemple un PDF, une vidéo ou un document bureautique) : il parvient alors à la rédaction avec tout ce qu’il révèle. Sans cette option, un tel fichier est refusé et rien n’est envoyé.
submit-plain-off = Ce serveur n’accepte que des fichiers chiffrés sur votre propre appareil : activez JavaScript (dans le Navigateur Tor, le niveau de sécurité « Plus sûr » suffit), ou utilisez <code>darkroom submit FILE --server URL</code>.

## The receipt for the plain form

thanks-title = Reçu
thanks-stored = Votre envoi est conservé, chiffré avec la clé de la rédaction.
thanks-server-sealed = Ce serveur a reçu votre fichier tel quel, en a retiré les métadonnées et l’a chiffré en mémoire ; il ne l’a pas écrit en clair sur le disque. Pour garder un fichier sur votre appareil jusqu’à ce qu’il soit chiffré, utilisez la page avec JavaScript activé (le niveau « Plus sûr » du Navigateur Tor suffit), ou <code>darkroom submit</code>.
receipt-reference = Référence
receipt-day = Jour de réception
receipt-label = Étiquette
receipt-sealed-to = Scellé pour
receipt-size = Taille chiffrée
receipt-size-bytes = { $size } octets
receipt-sha256 = SHA-256 de l’enveloppe
thanks-keep = Garder ce reçu est facultatif ; il pourrait vous relier à cet envoi si quelqu’un le trouvait.

## A refusal

error-title = Non effectué
error-refused = Non accepté
error-failed = Une erreur s’est produite
error-nothing-stored = Rien n’a été conservé.

## Replies

inbox-title = Réponses
inbox-heading = Réponses de la rédaction
inbox-intro = Si vous avez demandé un nom de code en envoyant quelque chose, la rédaction peut vous répondre ici. Tapez le nom de code exactement tel qu’il vous a été montré.
inbox-newsroom = Les réponses sont vérifiées ici avec la clé de signature de <strong class="newsroom-name"></strong>, <code class="newsroom-key"></code> (en mots <strong class="newsroom-fingerprint"></strong>) : une réponse qu’elle n’a pas signée est marquée comme falsifiée. Comparez la clé avec celle que publie la rédaction. Cet onglet retient que le manifeste vérifié a été émis le <span class="newsroom-issued"></span>, et en refuse un plus ancien jusqu’à ce que vous fermiez l’onglet.
inbox-here = Votre nom de code reste <strong>dans ce navigateur</strong> : il y est transformé en clés, et vos réponses y sont déchiffrées. Ce serveur ne voit ni le nom de code ni les réponses.
inbox-codename = Nom de code
inbox-open = Ouvrir mes réponses
inbox-replies = Réponses
inbox-empty = Pas encore de réponse.
inbox-delete-account = Supprimer mon compte et toutes les réponses
inbox-plain-trust = Ce formulaire fonctionne sans JavaScript. <strong>Ce serveur</strong> transforme alors votre nom de code en clés, déchiffre vos réponses pour les afficher et oublie les deux une fois la page envoyée. Pour des réponses déchiffrées uniquement sur votre appareil, activez JavaScript (dans le Navigateur Tor, le niveau de sécurité « Plus sûr » suffit), ou utilisez <code>darkroom inbox</code>.
inbox-plain-open = Ouvrir mes réponses (déchiffrées par le serveur)
inbox-plain-off = Lire les réponses demande JavaScript sur cette page (le niveau « Plus sûr » du Navigateur Tor suffit), car elles sont déchiffrées sur votre propre appareil, ou l’outil en ligne de commande : <code>darkroom inbox --server THIS-ADDRESS</code>.
inbox-server-decrypted = <strong>Déchiffrées par ce serveur.</strong> Vous avez ouvert votre boîte avec le formulaire simple : ce serveur a donc transformé votre nom de code en clés et déchiffré ces réponses pour les afficher. Il n’a conservé ni le nom de code ni les clés, et les a oubliés. (La page ouvre les réponses sur votre propre appareil quand JavaScript est activé, y compris au niveau « Plus sûr » du Navigateur Tor, ou utilisez <code>darkroom inbox</code>.)
inbox-signed = Signée par la rédaction (vérifié par ce serveur avec la clé de son manifeste).
inbox-forged-unsigned = FALSIFIÉE : cette réponse ne porte pas la signature de la rédaction ; la rédaction ne l’a pas écrite, n’agissez donc pas en conséquence
inbox-forged-signature = FALSIFIÉE : sa signature n’est pas celle de la rédaction ; la rédaction ne l’a pas écrite, n’agissez donc pas en conséquence
inbox-forged-other-source = FALSIFIÉE : la rédaction a écrit ceci pour quelqu’un d’autre, et on vous l’a transmis ; n’agissez pas en conséquence
inbox-unreadable = Cette réponse ne peut pas être ouverte : rien ne dit qui l’a écrite.
inbox-reply-heading = Réponse { $seq }, datée du { $day } par la rédaction
inbox-delete-reply = Supprimer cette réponse
inbox-back = Retour à la boîte de réception
inbox-form-expired = Le formulaire a expiré ou son jeton de sécurité manque ; réessayez.
inbox-session-ended = Votre session est terminée ; tapez à nouveau votre nom de code.
inbox-deleted-account = Votre compte et toutes ses réponses sont supprimés. Votre nom de code n’ouvre plus rien ; la rédaction garde ce que vous avez envoyé, qui n’est plus relié à un nom de code.
inbox-deleted-reply = La réponse est supprimée. Pour lire les autres, tapez à nouveau votre nom de code : ce serveur n’a pas gardé la clé avec laquelle il les a ouvertes.

## Verifying

verify-title = Vérifier une preuve
verify-heading = Vérifier une preuve de provenance
verify-save = <a href="/verify/offline.html" download="darkroom-verify.html">Enregistrer ce vérificateur en un seul fichier</a> : il fonctionne hors ligne, avec le manifeste signé et les clés de cette rédaction à l’intérieur.
verify-bundle-heading = Vérifier un paquet de preuve
verify-valid = VALIDE
verify-invalid = NON VALIDE
verify-intro = Un paquet de preuve (<code>.proof.json</code> ou binaire) montre qu’une photo a été prise par un appareil d’un registre, dans une période et une région, sans révéler ni la photo ni l’appareil. Cette page donne le même verdict que <code>darkroom verify</code>. Ajoutez si vous le voulez la photo et son ouverture pour vérifier que la preuve porte bien sur cette photo : la photo est vérifiée en mémoire et non conservée, mais elle parvient à ce serveur ; pour la garder sur votre machine, utilisez <code>darkroom verify --image</code>.
verify-bundle = Paquet de preuve
verify-photo = Photo (facultatif)
verify-opening = Ouverture, <code>0x…</code> ou le texte du fichier d’ouverture (facultatif, avec la photo)
verify-submit = Vérifier
verify-registries = Cette rédaction fait confiance à ces registres d’appareils :
verify-no-key = Aucune clé de vérification de provenance n’est configurée sur ce serveur. Utilisez <code>darkroom verify</code>.
verify-published-heading = Vérifier une photo publiée
verify-published-intro = Une rédaction qui publie une partie d’une photo signée (recadrée, avec des zones masquées) l’accompagne d’un paquet de publication. Cette vérification a lieu dans votre navigateur : la photo est lue sur cet ordinateur et n’est envoyée nulle part. Elle montre si l’image est une partie intacte d’une prise de vue par un appareil de confiance, et entoure ce que l’éditeur a masqué.
verify-published-key = La clé de la rédaction (<code>RW…</code>) : comparez-la avec celle que la rédaction publie sur son propre site web
verify-published-bundle = Paquet de publication
verify-published-photo = Photo publiée
verify-published-check = Vérifier
verify-offline-intro = Ce fichier vérifie les photos que { $newsroom } publie avec un paquet de publication Darkroom. Il n’ouvre aucune connexion réseau (sa politique de sécurité l’interdit) ; il contient le manifeste signé de la rédaction, enregistré le { $saved }, et sa clé de vérification des preuves. Ne vous y fiez que si la clé ci-dessous est celle que la rédaction publie sur son propre site web.

## Refusals: one sentence, what was wrong and what to do

refuse-not-found = il n’y a pas de page à cette adresse
refuse-storage = le serveur n’a pas pu l’enregistrer ; rien n’a été conservé ; réessayez plus tard
refuse-stalled = l’envoi s’est bloqué et a été interrompu ; rien n’a été conservé ; réessayez
refuse-too-slow = l’envoi est trop lent et a été interrompu ; rien n’a été conservé ; réessayez
refuse-cut-short = l’envoi a été interrompu ou n’est pas un formulaire d’envoi valide ; rien n’a été conservé ; réessayez
refuse-too-large = l’envoi dépasse ce que ce serveur accepte ({ $mib } Mio) ; rien n’a été conservé
refuse-disk = la boîte de dépôt manque d’espace disque ; rien n’a été conservé ; réessayez plus tard
refuse-busy = le serveur est occupé par d’autres envois ; rien n’a été conservé ; réessayez dans quelques minutes
refuse-took-too-long = l’envoi a pris trop de temps ; rien n’a été conservé ; réessayez avec une connexion plus rapide
refuse-no-server-sealing = ce serveur ne scelle pas lui-même les fichiers ; scellez le fichier sur votre propre appareil avec <code>darkroom submit</code>
refuse-not-upload = envoyez le formulaire comme un envoi de fichier
refuse-not-text = le message n’est pas du texte
refuse-form-order = le message et le choix d’envoyer tel quel doivent précéder le fichier dans le formulaire
refuse-plain-field = champ de formulaire inattendu ; envoyez <code>message</code>, <code>send_as_is</code> et <code>file</code>
refuse-choose-file = choisissez un fichier à envoyer
refuse-empty-file = le fichier est vide
refuse-no-verifier = ce serveur n’a pas de clé de vérification ; utilisez <code>darkroom verify</code>
refuse-verify-field = champ de formulaire inattendu
refuse-choose-bundle = choisissez un paquet de preuve
refuse-publication-photo = un paquet de publication se vérifie avec la photo publiée : ajoutez-la
refuse-opening = l’ouverture doit être 0x suivi de 64 chiffres hexadécimaux, ou le fichier d’ouverture écrit par newsroom open
refuse-photo-and-opening = pour vérifier une photo, donnez la photo et son ouverture
refuse-check-failed = la vérification n’a pas pu aboutir ; rien n’a été conservé ; réessayez plus tard
refuse-no-account = aucun compte ne correspond à ce nom de code ; vérifiez chaque mot (il a aussi pu être supprimé, ou avoir expiré avec tout ce qu’il a envoyé)
refuse-no-codenames = cette boîte de dépôt ne propose pas de noms de code
refuse-inbox-on-device = cette boîte de dépôt ne lit les réponses que sur votre propre appareil : activez JavaScript et WebAssembly pour la page des réponses, ou utilisez <code>darkroom inbox</code>
refuse-inbox-token = ce formulaire n’a pas son jeton de sécurité ou a expiré ; revenez à la boîte de réception et réessayez
refuse-no-reply = cette réponse n’existe pas
refuse-journalist-token = ce formulaire n’a pas son jeton de sécurité ou a expiré ; rechargez la page et réessayez
refuse-no-submission = cet envoi n’existe pas
refuse-no-proof = cet envoi n’a pas de preuve
refuse-select-export = sélectionnez au moins un envoi à exporter
refuse-no-source = cette source n’existe pas (elle a peut-être supprimé son compte)
refuse-reply-field = champ de formulaire inattendu ; envoyez <code>csrf</code> et <code>sealed</code>
refuse-choose-reply = choisissez le fichier de la réponse scellée

## Labels, as the receipt and the journalist's list say them

label-proof-attached = preuve jointe
label-proof-attached-journalist = preuve jointe ; son accord avec le contenu ne se vérifie qu’à l’ouverture hors ligne
label-no-proof = sans preuve
label-sealed-by-server = scellé par le serveur
sealed-by-server = par ce serveur, depuis le formulaire
sealed-on-device = sur l’appareil de la source

## The journalist's pages

journalist-login-title = Connexion des journalistes
journalist-name = Nom
journalist-password = Mot de passe
journalist-code = Code de votre application d’authentification
journalist-log-in = Se connecter
journalist-login-expired = Le formulaire de connexion a expiré ou son jeton de sécurité manque ; réessayez.
journalist-login-busy = Trop de tentatives de connexion sont en attente ; réessayez dans quelques minutes.
journalist-login-wrong = Nom, mot de passe ou code incorrect.
journalist-submissions = Envois
journalist-log-out = Se déconnecter
journalist-none = Aucun envoi.
journalist-designation = Désignation
journalist-source = Source
journalist-arrived = Arrivé le
journalist-size = Taille
journalist-sealed = Scellé
journalist-provenance = Provenance
journalist-select-one = sélectionner { $designation }
journalist-envelope = enveloppe
journalist-proof = preuve
journalist-delete = Supprimer
journalist-export-selected = Exporter la sélection
journalist-export-all = Tout exporter
journalist-exports = Les exports sont des archives tar pour la machine hors ligne de la rédaction : <code>darkroom newsroom open</code> y déchiffre les enveloppes, et <code>sha256sum -c SHA256SUMS</code> vérifie ce qui a été copié.
journalist-source-heading = Source <code>{ $designation }</code>
journalist-all-submissions = Tous les envois
journalist-source-sent = Ce que cette source a envoyé
journalist-nothing-kept = Rien n’est conservé.
journalist-replies = Réponses
journalist-reply-row = { $day } : scellée, { $size }
journalist-replies-sealed = Les réponses sont scellées pour la clé du nom de code de cette source et pour les clés de la rédaction. Ce serveur ne peut pas les lire ; la source le peut, et la machine hors ligne de la rédaction aussi.
journalist-reply = Répondre
journalist-reply-offline = Les réponses sont écrites et signées sur la machine hors ligne de la rédaction, avec la clé de signature de la rédaction, pour que la source puisse les distinguer de tout ce que ce serveur pourrait inventer. Écrivez-y la réponse dans un fichier, puis lancez :
journalist-reply-check = Comparez le destinataire avec celui scellé dans l’enveloppe de la source (<code>darkroom newsroom open</code> l’affiche, et <code>newsroom reply --report report.json --source { $designation }</code> le reprend de là), puis déposez ici la réponse scellée :
journalist-sealed-reply = Réponse scellée
journalist-upload-reply = Déposer la réponse scellée
journalist-reply-stored = La réponse scellée est enregistrée ; la source la verra dans sa boîte de réception.
