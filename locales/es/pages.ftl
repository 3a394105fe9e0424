### Las páginas de Darkroom, en español.
###
### Review: draft translation, not yet reviewed by a native speaker.
###
### Translated from locales/en/pages.ftl; see docs/translating.md.

## Every page

site-tag = buzón seguro
site-demo = DEMO: este servidor funciona con claves de demostración creadas en esta máquina. No envíe nada real.
nav-label = Principal
nav-submit = Enviar
nav-inbox = Respuestas
nav-verify = Verificar una prueba
lang-label = Idioma
site-footer = Darkroom: los archivos se cifran con la clave de la redacción; este servidor no guarda nada que pueda leer.

## The landing page

landing-heading = Envíe a { $newsroom } una foto o un documento, de forma segura
landing-intro =
    Los archivos enviados aquí se cifran con la clave de la redacción antes de guardarse.
    Este servidor no tiene ninguna clave que pueda abrirlos, no registra quién es usted
    (ni direcciones IP ni datos del navegador) y solo guarda el día en que llegó un archivo.
    Los envíos se borran automáticamente al cabo de unos { $days ->
        [one] { $days } día
       *[other] { $days } días
    }.
landing-before = Antes de empezar
landing-tor = Use el <strong>Navegador Tor</strong>, en un dispositivo y una red que no estén vinculados a su trabajo.
landing-metadata = Las fotos llevan datos ocultos (posición GPS, número de serie de la cámara, autor). Darkroom los elimina, pero el contenido de una foto aún puede identificarle a usted o su ubicación.
landing-ways = Formas de enviar
landing-way-page = <strong>La <a href="/submit">página de envío</a></strong>, con JavaScript activado (nivel «Estándar» o «Más seguro» del Navegador Tor): sus archivos se limpian y se cifran en su navegador y, donde funciona WebAssembly («Estándar»), una foto firmada puede llevar una prueba de que es una captura sin alterar. Este servidor solo recibe el sobre cifrado.
landing-way-cli = <strong>La herramienta de línea de comandos <code>darkroom</code></strong>, que hace lo mismo en su propio dispositivo sin navegador y comprueba el manifiesto firmado de la redacción con la clave que usted le indique:
landing-way-form = <strong>El formulario sencillo de la <a href="/submit">página de envío</a></strong>, que funciona con JavaScript desactivado (nivel «El más seguro» del Navegador Tor). <em>En qué confía esta vía:</em> su archivo viaja hasta este servidor por su conexión (Tor) <strong>antes</strong> de cifrarse. El servidor lo limpia y lo cifra en memoria y nunca lo escribe en disco, pero usted debe confiar en que este servidor ejecuta el código publicado de Darkroom y no ha sido manipulado. Si eso es demasiada confianza, use una de las dos primeras vías.
landing-way-form-off = El formulario sencillo, en el que este servidor cifra su archivo, está desactivado aquí: solo se aceptan archivos cifrados en su propio dispositivo.
landing-code = El código que ejecuta su navegador
landing-code-intro = La página de envío cifra con el cliente WebAssembly de Darkroom o, donde WebAssembly está desactivado, con el mismo cliente traducido a JavaScript; cualquiera puede reconstruir ambos byte a byte a partir del código fuente (<code>scripts/build-web --check</code>). Este servidor envía:
landing-code-bundle = Paquete del cliente (SHA-256 de su <a href="/static/client/SHA256SUMS">SHA256SUMS</a>)
landing-code-wasm = Cliente WebAssembly (SHA-256)
landing-code-js = Cliente JavaScript (integridad de subrecursos)
landing-code-verify-js = Verificador de publicaciones en JavaScript (integridad de subrecursos)
landing-code-script = Script de la página (integridad de subrecursos)
landing-code-compare = Compárelos con el README de la versión de Darkroom que esta redacción dice ejecutar.
landing-key = La clave de la redacción
landing-key-intro = { $newsroom } firma aquello en lo que confía su cliente (las claves con las que cifra, los registros de cámaras con los que prueba, el código que ejecuta esta página) con su clave de firma, que este servidor no tiene. Su cliente comprueba esa firma antes de enviar nada. <strong>Compare esta clave con la que { $newsroom } publica en otros lugares</strong> (su sitio web, la prensa, un directorio): si este servidor le mostrara otra, la comprobación no probaría nada.
landing-key-signing = Clave de firma de la redacción
landing-key-words = Su huella, en palabras
landing-key-cli = Con la herramienta de línea de comandos, indíquela una vez:
landing-key-none = Este servidor no publica ningún manifiesto firmado de la redacción, así que su cliente no tiene con qué comprobar sus claves.
landing-recipients = Los sobres se sellan para estos destinatarios age, { $protection }:
protection-hybrid = claves híbridas poscuánticas (ML-KEM-768 con X25519)
protection-classical = claves clásicas (solo X25519, sin protección frente a un futuro ordenador cuántico)

## The submit page

submit-title = Enviar
submit-heading = Enviar archivos
submit-loading = Cargando el código que cifra sus archivos en este dispositivo…
submit-newsroom = Esta página solo cifra con las claves que <strong class="newsroom-name"></strong> firmó con su clave de redacción <code class="newsroom-key"></code>, en palabras <strong class="newsroom-fingerprint"></strong> (válida hasta el <span class="newsroom-expires"></span>). <strong>Compárelo con lo que <span class="newsroom-name"></span> publica</strong> en otros lugares (su sitio web, la prensa): si no coinciden, no envíe nada.
submit-sealed-to = Los archivos se sellan para sus <strong class="newsroom-protection"></strong>. Esta pestaña recuerda que el manifiesto que comprobó se emitió el <span class="newsroom-issued"></span> y rechaza uno más antiguo hasta que cierre la pestaña.
submit-demo = Esta es una redacción de DEMOSTRACIÓN con claves de prueba: no envíe nada real.
submit-paste-key = Para que se compruebe aquí, pegue la clave que publica la redacción (opcional)
submit-key-checked = La clave que pegó firmó el manifiesto de esta redacción.
submit-here = Sus archivos se limpian de metadatos ocultos y se cifran <strong>aquí, en su navegador</strong>, antes de enviar nada. Este servidor solo recibe sobres que no puede abrir.
submit-js-note = WebAssembly está desactivado en este navegador (en el Navegador Tor, el nivel de seguridad «Más seguro» lo desactiva), así que esta página ejecuta el mismo código de cifrado traducido a JavaScript. Es más lento, y sus archivos siguen saliendo de este dispositivo solo cifrados. Aquí no se hacen pruebas de que una foto sea una captura sin alterar.
submit-files = Archivos (como máximo { $mib } MiB cada uno; puede elegir varios a la vez)
submit-proof-js = Esta foto está firmada por un dispositivo de captura, así que podría llevar una prueba de que no está alterada, pero sin WebAssembly no se hacen pruebas: tardaría demasiado. Para adjuntar una, envíela desde el Navegador Tor con el nivel de seguridad «Estándar», o haga la prueba en su propio dispositivo con <code>darkroom prove</code> y envíela con <code>darkroom submit</code>. Sin prueba, la foto igualmente se limpia y se cifra aquí.
submit-proof-legend = Prueba de que una foto es una captura sin alterar (opcional)
submit-proof-intro = Una foto firmada por una cámara en la que confía esta redacción puede llevar una prueba de conocimiento cero de que no se ha alterado desde que se tomó. La prueba no muestra ni la foto ni la cámara: solo el momento y el lugar que usted elija aquí.
submit-proof-on = Adjuntar una prueba a las fotos firmadas
submit-proof-window = Momento que muestra la prueba
submit-window-day = el día en que se tomó
submit-window-month = solo el mes
submit-window-year = solo el año
submit-window-none = nada sobre el momento
submit-proof-region = Lugar que muestra la prueba
submit-region-none = nada sobre el lugar
submit-region-1 = un cuadrado de 1° a su alrededor (unos 100 km)
submit-region-10 = un cuadrado de 10° a su alrededor (unos 1000 km)
submit-region-30 = un cuadrado de 30° a su alrededor
submit-codename-legend = Respuestas (opcional)
submit-codename-on = Obtener un nombre en clave para que la redacción pueda responderme
submit-codename-shown = Su nombre en clave, que se muestra solo esta vez:
submit-codename-keep = Con él puede leer las respuestas de la redacción en la página de <a href="/inbox">Respuestas</a>. Cualquiera que lo tenga también puede leerlas, y nadie puede recuperarlo por usted. Escríbalo en papel y guárdelo en un lugar seguro; no lo guarde en este navegador ni en este dispositivo.
submit-message = Mensaje para la redacción (opcional; se cifra con sus archivos)
submit-send = Cifrar y enviar
submit-received = Recibido
submit-receipts = Cada archivo queda guardado, cifrado con la clave de la redacción. Conservar estos recibos es opcional; podrían vincularle con su envío si alguien los encuentra.
submit-client = Cliente: <span id="client-version"></span>, SHA-256 <code>{ $sha256 }</code>.
submit-unavailable = Su navegador no puede cifrar archivos en esta página.
submit-you-can = Puede:
submit-use-cli = usar la <strong>herramienta de línea de comandos</strong>, que cifra en su propio dispositivo:
submit-use-form = usar el <strong>formulario de abajo</strong>, en el que este servidor cifra su archivo (lea en qué confía esa vía);
submit-use-standard = o, en el Navegador Tor, poner el nivel de seguridad en «Estándar» (se aplica a todos los sitios hasta que lo vuelva a cambiar).
submit-plain-newsroom = Este buzón pertenece a <strong>{ $newsroom }</strong>, cuya clave de redacción es <code>{ $key }</code>, en palabras <strong>{ $words }</strong>. <strong>Compárelo con lo que { $newsroom } publica</strong> en otros lugares (su sitio web, la prensa): si no coinciden, no envíe nada. Sin JavaScript esta página no puede comprobar por sí misma la firma de la redacción; muestra lo que el servidor leyó del manifiesto firmado de la redacción.
submit-plain-keep = Para que su archivo no salga de su dispositivo hasta estar cifrado: en el Navegador Tor, elija el nivel de seguridad <strong>«Más seguro»</strong> (esta página cifra entonces en su navegador, con JavaScript pero sin WebAssembly), o use la herramienta de línea de comandos, que además comprueba la firma de la redacción:
submit-plain-trust = Este formulario funciona sin JavaScript. <strong>Su archivo llega a este servidor antes de cifrarse:</strong> el servidor elimina sus metadatos y lo sella con la clave de la redacción en memoria, y nunca lo escribe en disco.
submit-plain-message = Mensaje para la redacción (opcional)
submit-plain-file = Archivo (como máximo { $mib } MiB)
submit-plain-as-is = Enviarlo tal cual si Darkroom no puede eliminar sus metadatos (por ejemplo, un PDF, un vídeo o un documento de oficina): llegará entonces a la redacción con todo lo que revela. Sin esta opción, ese archivo se rechaza y no se envía nada.
submit-plain-off = Este servidor solo acepta archivos cifrados en su propio dispositivo: active JavaScript (en el Navegador Tor basta con el nivel de seguridad «Más seguro») o use <code>darkroom submit FILE --server URL</code>.

## The receipt for the plain form

thanks-title = Recibido
thanks-stored = Su envío está guardado, cifrado con la clave de la redacción.
thanks-server-sealed = Este servidor recibió su archivo tal cual, eliminó sus metadatos y lo cifró en memoria; no lo escribió sin cifrar en disco. Para que un archivo no salga de su dispositivo hasta estar cifrado, use la página con JavaScript activado (basta con el nivel «Más seguro» del Navegador Tor), o <code>darkroom submit</code>.
receipt-reference = Referencia
receipt-day = Día de recepción
receipt-label = Etiqueta
receipt-sealed-to = Sellado para
receipt-size = Tamaño cifrado
receipt-size-bytes = { $size } bytes
receipt-sha256 = SHA-256 del sobre
thanks-keep = Conservar este recibo es opcional; podría vincularle con este envío si alguien lo encuentra.

## A refusal

error-title = No realizado
error-refused = No aceptado
error-failed = Algo ha fallado
error-nothing-stored = No se ha guardado nada.

## Replies

inbox-title = Respuestas
inbox-heading = Respuestas de la redacción
inbox-intro = Si pidió un nombre en clave al enviar algo, la redacción puede responderle aquí. Escriba el nombre en clave exactamente como se le mostró.
inbox-newsroom = Las respuestas se comprueban aquí con la clave de firma de <strong class="newsroom-name"></strong>, <code class="newsroom-key"></code> (en palabras <strong class="newsroom-fingerprint"></strong>): una respuesta que no haya firmado se marca como falsificada. Compare la clave con la que publica la redacción. Esta pestaña recuerda que el manifiesto que comprobó se emitió el <span class="newsroom-issued"></span> y rechaza uno más antiguo hasta que cierre la pestaña.
inbox-here = Su nombre en clave se queda <strong>en este navegador</strong>: aquí se convierte en claves y aquí se descifran sus respuestas. Este servidor no ve ni el nombre en clave ni las respuestas.
inbox-codename = Nombre en clave
inbox-open = Abrir mis respuestas
inbox-replies = Respuestas
inbox-empty = Todavía no hay respuestas.
inbox-delete-account = Borrar mi cuenta y todas las respuestas
inbox-plain-trust = Este formulario funciona sin JavaScript. Entonces <strong>este servidor</strong> convierte su nombre en clave en claves, descifra sus respuestas para mostrarlas y olvida ambas cosas en cuanto envía la página. Para que las respuestas se descifren solo en su propio dispositivo, active JavaScript (en el Navegador Tor basta con el nivel de seguridad «Más seguro») o use <code>darkroom inbox</code>.
inbox-plain-open = Abrir mis respuestas (descifradas por el servidor)
inbox-plain-off = Para leer las respuestas hace falta JavaScript en esta página (basta con el nivel «Más seguro» del Navegador Tor), porque se descifran en su propio dispositivo, o la herramienta de línea de comandos: <code>darkroom inbox --server THIS-ADDRESS</code>.
inbox-server-decrypted = <strong>Descifradas por este servidor.</strong> Abrió su bandeja con el formulario sencillo, así que este servidor convirtió su nombre en clave en claves y descifró estas respuestas para mostrarlas. No guardó el nombre en clave ni las claves, y ya los ha olvidado. (La página abre las respuestas en su propio dispositivo cuando JavaScript está activado, también en el nivel «Más seguro» del Navegador Tor, o use <code>darkroom inbox</code>.)
inbox-signed = Firmada por la redacción (comprobado por este servidor con la clave de su manifiesto).
inbox-forged-unsigned = FALSIFICADA: esta respuesta no lleva la firma de la redacción; la redacción no la escribió, así que no actúe en consecuencia
inbox-forged-signature = FALSIFICADA: su firma no es la de la redacción; la redacción no la escribió, así que no actúe en consecuencia
inbox-forged-other-source = FALSIFICADA: la redacción escribió esto para otra persona y se lo han pasado a usted; no actúe en consecuencia
inbox-unreadable = Esta respuesta no se puede abrir, así que nada indica quién la escribió.
inbox-reply-heading = Respuesta { $seq }, fechada por la redacción el { $day }
inbox-delete-reply = Borrar esta respuesta
inbox-back = Volver a la bandeja
inbox-form-expired = El formulario ha caducado o le falta su código de seguridad; inténtelo de nuevo.
inbox-session-ended = Su sesión ha terminado; vuelva a escribir su nombre en clave.
inbox-deleted-account = Su cuenta y todas sus respuestas se han borrado. Su nombre en clave ya no abre nada; la redacción conserva lo que usted envió, ya sin vínculo con un nombre en clave.
inbox-deleted-reply = La respuesta se ha borrado. Para leer las demás, vuelva a escribir su nombre en clave: este servidor no guardó la clave con la que las abrió.

## Verifying

verify-title = Verificar una prueba
verify-heading = Verificar una prueba de procedencia
verify-save = <a href="/verify/offline.html" download="darkroom-verify.html">Guarde este verificador como un solo archivo</a>: funciona sin conexión, con el manifiesto firmado y las claves de esta redacción dentro.
verify-bundle-heading = Comprobar un paquete de prueba
verify-valid = VÁLIDA
verify-invalid = NO VÁLIDA
verify-intro = Un paquete de prueba (<code>.proof.json</code> o binario) muestra que una foto la tomó un dispositivo de un registro, dentro de un intervalo de tiempo y una región, sin revelar la foto ni el dispositivo. Esta página da el mismo veredicto que <code>darkroom verify</code>. Si quiere, añada la foto y su apertura para comprobar que la prueba trata de esa foto: la foto se comprueba en memoria y no se guarda, pero sí llega a este servidor; para que no salga de su máquina, use <code>darkroom verify --image</code>.
verify-bundle = Paquete de prueba
verify-photo = Foto (opcional)
verify-opening = Apertura, <code>0x…</code> o el texto del archivo de apertura (opcional, con la foto)
verify-submit = Verificar
verify-registries = Esta redacción confía en estos registros de dispositivos:
verify-no-key = Este servidor no tiene configurada ninguna clave de verificación de procedencia. Use <code>darkroom verify</code>.
verify-published-heading = Comprobar una foto publicada
verify-published-intro = Una redacción que publica parte de una foto firmada (recortada, con zonas ocultas) la acompaña de un paquete de publicación. Esta comprobación se hace en su navegador: la foto se lee en este ordenador y no se envía a ningún sitio. Muestra si la imagen es una parte intacta de una captura de un dispositivo de confianza y señala lo que el editor ocultó.
verify-published-key = La clave de la redacción (<code>RW…</code>): compárela con la que la redacción publica en su propio sitio web
verify-published-bundle = Paquete de publicación
verify-published-photo = Foto publicada
verify-published-check = Comprobar
verify-offline-intro = Este archivo comprueba las fotos que { $newsroom } publica con un paquete de publicación de Darkroom. No abre ninguna conexión de red (su política de seguridad lo prohíbe); contiene el manifiesto firmado de la redacción, guardado el { $saved }, y su clave de verificación de pruebas. Confíe en él solo si la clave de abajo es la que la redacción publica en su propio sitio web.

## Refusals: one sentence, what was wrong and what to do

refuse-not-found = aquí no hay ninguna página con esa dirección
refuse-storage = el servidor no pudo guardarlo; no se ha conservado nada; inténtelo más tarde
refuse-stalled = la subida se detuvo y se cortó; no se ha guardado nada; inténtelo de nuevo
refuse-too-slow = la subida es demasiado lenta y se cortó; no se ha guardado nada; inténtelo de nuevo
refuse-cut-short = la subida se interrumpió o no es un formulario de subida válido; no se ha guardado nada; inténtelo de nuevo
refuse-too-large = la subida es mayor de lo que acepta este servidor ({ $mib } MiB); no se ha guardado nada
refuse-disk = al buzón le falta espacio en disco; no se ha guardado nada; inténtelo más tarde
refuse-busy = el servidor está ocupado con otras subidas; no se ha guardado nada; inténtelo dentro de unos minutos
refuse-took-too-long = la subida tardó demasiado; no se ha guardado nada; inténtelo con una conexión más rápida
refuse-no-server-sealing = este servidor no sella archivos por sí mismo; selle el archivo en su propio dispositivo con <code>darkroom submit</code>
refuse-not-upload = envíe el formulario como subida de archivo
refuse-not-text = el mensaje no es texto
refuse-form-order = el mensaje y la opción de enviar tal cual deben ir antes que el archivo en el formulario
refuse-plain-field = campo de formulario inesperado; envíe <code>message</code>, <code>send_as_is</code> y <code>file</code>
refuse-choose-file = elija un archivo para enviar
refuse-empty-file = el archivo está vacío
refuse-no-verifier = este servidor no tiene clave de verificación; use <code>darkroom verify</code>
refuse-verify-field = campo de formulario inesperado
refuse-choose-bundle = elija un paquete de prueba
refuse-publication-photo = un paquete de publicación se comprueba con la foto publicada: añádala
refuse-opening = la apertura debe ser 0x y 64 dígitos hexadecimales, o el archivo de apertura que escribió newsroom open
refuse-photo-and-opening = para comprobar una foto, indique tanto la foto como su apertura
refuse-check-failed = la comprobación no pudo terminar; no se ha conservado nada; inténtelo más tarde
refuse-no-account = ninguna cuenta corresponde a este nombre en clave; revise cada palabra (también puede haberse borrado, o haber caducado junto con todo lo que envió)
refuse-no-codenames = este buzón no ofrece nombres en clave
refuse-inbox-on-device = este buzón solo descifra las respuestas en su propio dispositivo: active JavaScript y WebAssembly para la página de respuestas, o use <code>darkroom inbox</code>
refuse-inbox-token = a este formulario le falta su código de seguridad o ha caducado; vuelva a la bandeja e inténtelo de nuevo
refuse-no-reply = esa respuesta no existe
refuse-journalist-token = a este formulario le falta su código de seguridad o ha caducado; recargue la página e inténtelo de nuevo
refuse-no-submission = ese envío no existe
refuse-no-proof = este envío no tiene prueba
refuse-select-export = seleccione al menos un envío para exportar
refuse-no-source = esa fuente no existe (puede que haya borrado su cuenta)
refuse-reply-field = campo de formulario inesperado; envíe <code>csrf</code> y <code>sealed</code>
refuse-choose-reply = elija el archivo de la respuesta sellada

## Labels, as the receipt and the journalist's list say them

label-proof-attached = con prueba adjunta
label-proof-attached-journalist = con prueba adjunta; solo se comprueba que corresponde al contenido al abrirlo sin conexión
label-no-proof = sin prueba
label-sealed-by-server = sellado por el servidor
sealed-by-server = por este servidor, desde el formulario
sealed-on-device = en el dispositivo de la fuente

## The journalist's pages

journalist-login-title = Acceso de periodistas
journalist-name = Nombre
journalist-password = Contraseña
journalist-code = Código de su aplicación de autenticación
journalist-log-in = Entrar
journalist-login-expired = El formulario de acceso ha caducado o le falta su código de seguridad; inténtelo de nuevo.
journalist-login-busy = Hay demasiados intentos de acceso en espera; inténtelo dentro de unos minutos.
journalist-login-wrong = Nombre, contraseña o código incorrectos.
journalist-submissions = Envíos
journalist-log-out = Salir
journalist-none = No hay envíos.
journalist-designation = Designación
journalist-source = Fuente
journalist-arrived = Llegada
journalist-size = Tamaño
journalist-sealed = Sellado
journalist-provenance = Procedencia
journalist-select-one = seleccionar { $designation }
journalist-envelope = sobre
journalist-proof = prueba
journalist-delete = Borrar
journalist-export-selected = Exportar la selección
journalist-export-all = Exportar todo
journalist-exports = Las exportaciones son archivos tar para la máquina de la redacción sin conexión: allí <code>darkroom newsroom open</code> descifra los sobres, y <code>sha256sum -c SHA256SUMS</code> comprueba lo copiado.
journalist-source-heading = Fuente <code>{ $designation }</code>
journalist-all-submissions = Todos los envíos
journalist-source-sent = Lo que envió esta fuente
journalist-nothing-kept = No se conserva nada.
journalist-replies = Respuestas
journalist-reply-row = { $day }: sellada, { $size }
journalist-replies-sealed = Las respuestas se sellan para la clave del nombre en clave de esta fuente y para las claves de la redacción. Este servidor no puede leerlas; la fuente sí, y también la máquina de la redacción sin conexión.
journalist-reply = Responder
journalist-reply-offline = Las respuestas se escriben y se firman en la máquina de la redacción sin conexión, con la clave de firma de la redacción, para que la fuente pueda distinguirlas de cualquier cosa que este servidor pudiera inventar. Escriba allí la respuesta en un archivo y ejecute:
journalist-reply-check = Compare el destinatario con el que va sellado en el sobre de la fuente (<code>darkroom newsroom open</code> lo muestra, y <code>newsroom reply --report report.json --source { $designation }</code> lo toma de allí); después suba aquí la respuesta sellada:
journalist-sealed-reply = Respuesta sellada
journalist-upload-reply = Subir la respuesta sellada
journalist-reply-stored = La respuesta sellada está guardada; la fuente la verá en su bandeja.
