### As páginas do Darkroom, em português.
###
### Review: draft translation, not yet reviewed by a native speaker.
###
### Translated from locales/en/pages.ftl; see docs/translating.md.

## Every page

site-tag = caixa de envio segura
site-demo = DEMO: este servidor funciona com chaves de demonstração criadas nesta máquina. Não envie nada real.
nav-label = Principal
nav-submit = Enviar
nav-inbox = Respostas
nav-verify = Verificar uma prova
lang-label = Idioma
site-footer = Darkroom: os arquivos são criptografados com a chave da redação; este servidor não guarda nada que possa ler.

## The landing page

landing-heading = Envie a { $newsroom } uma foto ou um documento, com segurança
landing-intro =
    Os arquivos enviados aqui são criptografados com a chave da redação antes de serem guardados.
    Este servidor não tem nenhuma chave capaz de abri-los, não registra quem você é
    (nem endereços IP, nem dados do navegador) e guarda apenas o dia em que um arquivo chegou.
    Os envios são apagados automaticamente depois de cerca de { $days ->
        [one] { $days } dia
       *[other] { $days } dias
    }.
landing-before = Antes de começar
landing-tor = Use o <strong>Navegador Tor</strong>, num dispositivo e numa rede sem ligação com o seu trabalho.
landing-metadata = As fotos trazem informações ocultas (posição GPS, número de série da câmera, autor). O Darkroom as remove, mas o conteúdo de uma foto ainda pode identificar você ou a sua localização.
landing-ways = Formas de enviar
landing-way-page = <strong>A <a href="/submit">página de envio</a></strong>, com JavaScript ativado (nível "Padrão" ou "Mais seguro" do Navegador Tor): os seus arquivos são limpos e criptografados no seu navegador e, onde o WebAssembly funciona ("Padrão"), uma foto assinada pode levar uma prova de que é uma captura sem alterações. Este servidor recebe apenas o envelope criptografado.
landing-way-cli = <strong>A ferramenta de linha de comando <code>darkroom</code></strong>, que faz o mesmo no seu próprio dispositivo, sem navegador, e confere o manifesto assinado da redação com a chave que você indicar:
landing-way-form = <strong>O formulário simples da <a href="/submit">página de envio</a></strong>, que funciona com JavaScript desativado (nível "O mais seguro" do Navegador Tor). <em>Em que esta via confia:</em> o seu arquivo viaja até este servidor pela sua conexão (Tor) <strong>antes</strong> de ser criptografado. O servidor o limpa e criptografa na memória e nunca o grava em disco, mas você precisa confiar que este servidor executa o código publicado do Darkroom e não foi adulterado. Se for confiança demais, use uma das duas primeiras vias.
landing-way-form-off = O formulário simples, em que este servidor criptografa o seu arquivo, está desativado aqui: só são aceitos arquivos criptografados no seu próprio dispositivo.
landing-code = O código que o seu navegador executa
landing-code-intro = A página de envio criptografa com o cliente WebAssembly do Darkroom ou, onde o WebAssembly está desativado, com o mesmo cliente traduzido para JavaScript; qualquer pessoa pode reconstruir ambos byte a byte a partir do código-fonte (<code>scripts/build-web --check</code>). Este servidor envia:
landing-code-bundle = Pacote do cliente (SHA-256 do seu <a href="/static/client/SHA256SUMS">SHA256SUMS</a>)
landing-code-wasm = Cliente WebAssembly (SHA-256)
landing-code-js = Cliente JavaScript (integridade de sub-recursos)
landing-code-verify-js = Verificador de publicações em JavaScript (integridade de sub-recursos)
landing-code-script = Script da página (integridade de sub-recursos)
landing-code-compare = Compare-os com o README da versão do Darkroom que esta redação diz executar.
landing-key = A chave da redação
landing-key-intro = { $newsroom } assina aquilo em que o seu cliente confia (as chaves com que criptografa, os registros de câmeras usados nas provas, o código que esta página executa) com a sua chave de assinatura, que este servidor não tem. O seu cliente confere essa assinatura antes de enviar qualquer coisa. <strong>Compare esta chave com a que { $newsroom } publica em outros lugares</strong> (o seu site, a imprensa, um diretório): se este servidor mostrasse outra, a verificação não provaria nada.
landing-key-signing = Chave de assinatura da redação
landing-key-words = A sua impressão digital, em palavras
landing-key-cli = Com a ferramenta de linha de comando, informe-a uma vez:
landing-key-none = Este servidor não publica nenhum manifesto assinado da redação, então o seu cliente não tem com o que conferir as chaves.
landing-recipients = Os envelopes são selados para estes destinatários age, { $protection }:
protection-hybrid = chaves híbridas pós-quânticas (ML-KEM-768 com X25519)
protection-classical = chaves clássicas (apenas X25519, sem proteção contra um futuro computador quântico)

## The submit page

submit-title = Enviar
submit-heading = Enviar arquivos
submit-loading = Carregando o código que criptografa os seus arquivos neste dispositivo…
submit-newsroom = Esta página só criptografa com as chaves que <strong class="newsroom-name"></strong> assinou com a sua chave de redação <code class="newsroom-key"></code>, em palavras <strong class="newsroom-fingerprint"></strong> (válida até <span class="newsroom-expires"></span>). <strong>Compare com o que <span class="newsroom-name"></span> publica</strong> em outros lugares (o seu site, a imprensa): se forem diferentes, não envie nada.
submit-sealed-to = Os arquivos são selados para as suas <strong class="newsroom-protection"></strong>. Esta aba lembra que o manifesto verificado foi emitido em <span class="newsroom-issued"></span> e recusa um mais antigo até você fechar a aba.
submit-demo = Esta é uma redação de DEMONSTRAÇÃO com chaves de teste: não envie nada real.
submit-paste-key = Para que seja verificada aqui, cole a chave que a redação publica (opcional)
submit-key-checked = A chave que você colou assinou o manifesto desta redação.
submit-here = Os seus arquivos são limpos de metadados ocultos e criptografados <strong>aqui, no seu navegador</strong>, antes de qualquer envio. Este servidor recebe apenas envelopes que não consegue abrir.
submit-js-note = O WebAssembly está desativado neste navegador (no Navegador Tor, o nível de segurança "Mais seguro" o desativa), então esta página executa o mesmo código de criptografia traduzido para JavaScript. É mais lento, e os seus arquivos continuam saindo deste dispositivo apenas criptografados. Provas de que uma foto é uma captura sem alterações não são feitas aqui.
submit-files = Arquivos (no máximo { $mib } MiB cada; pode escolher vários de uma vez)
submit-proof-js = Uma foto escolhida aqui é assinada por um dispositivo de captura, então poderia levar uma prova de que não foi alterada, mas sem WebAssembly não se fazem provas: demoraria demais. Para anexar uma, envie-a pelo Navegador Tor no nível de segurança "Padrão", ou faça a prova no seu próprio dispositivo com <code>darkroom prove</code> e envie-a com <code>darkroom submit</code>. Sem prova, a foto ainda é limpa e criptografada aqui.
submit-proof-legend = Prova de que uma foto é uma captura sem alterações (opcional)
submit-proof-intro = Uma foto assinada por uma câmera em que esta redação confia pode levar uma prova de conhecimento zero de que não foi alterada desde que foi tirada. A prova não mostra nem a foto nem a câmera: apenas o momento e o lugar que você escolher aqui.
submit-proof-on = Anexar uma prova às fotos assinadas
submit-proof-window = Momento que a prova mostra
submit-window-day = o dia em que foi tirada
submit-window-month = apenas o mês
submit-window-year = apenas o ano
submit-window-none = nada sobre o momento
submit-proof-region = Lugar que a prova mostra
submit-region-none = nada sobre o lugar
submit-region-1 = um quadrado de 1° ao redor (cerca de 100 km)
submit-region-10 = um quadrado de 10° ao redor (cerca de 1.000 km)
submit-region-30 = um quadrado de 30° ao redor
submit-codename-legend = Respostas (opcional)
submit-codename-on = Receber um codinome, para que a redação possa me responder
submit-codename-shown = O seu codinome, mostrado só desta vez:
submit-codename-keep = Com ele você pode ler as respostas da redação na página <a href="/inbox">Respostas</a>. Quem o tiver também pode lê-las, e ninguém pode recuperá-lo para você. Anote-o em papel e guarde-o num lugar seguro; não o guarde neste navegador nem neste dispositivo.
submit-message = Mensagem para a redação (opcional; é criptografada com os seus arquivos)
submit-send = Criptografar e enviar
submit-received = Recebido
submit-receipts = Cada arquivo está guardado, criptografado com a chave da redação. Guardar estes recibos é opcional; eles poderiam ligar você ao seu envio se alguém os encontrasse.
submit-client = Cliente: <span id="client-version"></span>, SHA-256 <code>{ $sha256 }</code>.
submit-unavailable = O seu navegador não consegue criptografar arquivos nesta página.
submit-you-can = Você pode:
submit-use-cli = usar a <strong>ferramenta de linha de comando</strong>, que criptografa no seu próprio dispositivo:
submit-use-form = usar o <strong>formulário abaixo</strong>, em que este servidor criptografa o seu arquivo (leia em que isso confia);
submit-use-standard = ou, no Navegador Tor, mudar o nível de segurança para "Padrão" (vale para todos os sites até você mudá-lo de volta).
submit-plain-newsroom = Esta caixa de envio pertence a <strong>{ $newsroom }</strong>, cuja chave de redação é <code>{ $key }</code>, em palavras <strong>{ $words }</strong>. <strong>Compare com o que { $newsroom } publica</strong> em outros lugares (o seu site, a imprensa): se forem diferentes, não envie nada. Sem JavaScript esta página não consegue conferir por si a assinatura da redação; ela mostra o que o servidor leu do manifesto assinado da redação.
submit-plain-keep = Para manter o seu arquivo no seu dispositivo até ele ser criptografado: no Navegador Tor, escolha o nível de segurança <strong>"Mais seguro"</strong> (esta página então criptografa no seu navegador, com JavaScript mas sem WebAssembly), ou use a ferramenta de linha de comando, que também confere a assinatura da redação:
submit-plain-trust = Este formulário funciona sem JavaScript. <strong>O seu arquivo chega a este servidor antes de ser criptografado:</strong> o servidor remove os seus metadados e o sela com a chave da redação na memória, e nunca o grava em disco.
submit-plain-message = Mensagem para a redação (opcional)
submit-plain-file = Arquivo (no máximo { $mib } MiB)
submit-plain-as-is = Enviá-lo como está se o Darkroom não conseguir remover os seus metadados (por exemplo, um PDF, um vídeo ou um documento de escritório): ele chega então à redação com tudo o que revela. Sem esta opção, um arquivo assim é recusado e nada é enviado.
submit-plain-off = Este servidor só aceita arquivos criptografados no seu próprio dispositivo: ative o JavaScript (no Navegador Tor, o nível de segurança "Mais seguro" basta) ou use <code>darkroom submit FILE --server URL</code>.

## The receipt for the plain form

thanks-title = Recebido
thanks-stored = O seu envio está guardado, criptografado com a chave da redação.
thanks-server-sealed = Este servidor recebeu o seu arquivo como estava, removeu os seus metadados e o criptografou na memória; não o gravou sem criptografia em disco. Para manter um arquivo no seu dispositivo até ele ser criptografado, use a página com JavaScript ativado (o nível "Mais seguro" do Navegador Tor basta), ou <code>darkroom submit</code>.
receipt-reference = Referência
receipt-day = Dia do recebimento
receipt-label = Rótulo
receipt-sealed-to = Selado para
receipt-size = Tamanho criptografado
receipt-size-bytes = { $size } bytes
receipt-sha256 = SHA-256 do envelope
thanks-keep = Guardar este recibo é opcional; ele poderia ligar você a este envio se alguém o encontrasse.

## A refusal

error-title = Não concluído
error-refused = Não aceito
error-failed = Algo deu errado
error-nothing-stored = Nada foi guardado.

## Replies

inbox-title = Respostas
inbox-heading = Respostas da redação
inbox-intro = Se você pediu um codinome ao enviar algo, a redação pode responder aqui. Digite o codinome exatamente como foi mostrado.
inbox-newsroom = As respostas são conferidas aqui com a chave de assinatura de <strong class="newsroom-name"></strong>, <code class="newsroom-key"></code> (em palavras <strong class="newsroom-fingerprint"></strong>): uma resposta que ela não assinou é marcada como forjada. Compare a chave com a que a redação publica. Esta aba lembra que o manifesto verificado foi emitido em <span class="newsroom-issued"></span> e recusa um mais antigo até você fechar a aba.
inbox-here = O seu codinome fica <strong>neste navegador</strong>: é transformado em chaves aqui, e as suas respostas são descriptografadas aqui. Este servidor não vê nem o codinome nem as respostas.
inbox-codename = Codinome
inbox-open = Abrir as minhas respostas
inbox-replies = Respostas
inbox-empty = Ainda não há respostas.
inbox-delete-account = Apagar a minha conta e todas as respostas
inbox-plain-trust = Este formulário funciona sem JavaScript. Nesse caso <strong>este servidor</strong> transforma o seu codinome em chaves, descriptografa as suas respostas para mostrá-las e esquece ambos assim que a página é enviada. Para respostas descriptografadas apenas no seu próprio dispositivo, ative o JavaScript (no Navegador Tor, o nível de segurança "Mais seguro" basta) ou use <code>darkroom inbox</code>.
inbox-plain-open = Abrir as minhas respostas (descriptografadas pelo servidor)
inbox-plain-off = Ler as respostas exige JavaScript nesta página (o nível "Mais seguro" do Navegador Tor basta), porque elas são descriptografadas no seu próprio dispositivo, ou a ferramenta de linha de comando: <code>darkroom inbox --server THIS-ADDRESS</code>.
inbox-server-decrypted = <strong>Descriptografadas por este servidor.</strong> Você abriu a sua caixa com o formulário simples, então este servidor transformou o seu codinome em chaves e descriptografou estas respostas para mostrá-las. Ele não guardou o codinome nem as chaves, e já os esqueceu. (A página abre as respostas no seu próprio dispositivo quando o JavaScript está ativado, também no nível "Mais seguro" do Navegador Tor, ou use <code>darkroom inbox</code>.)
inbox-signed = Assinada pela redação (conferido por este servidor com a chave do seu manifesto).
inbox-forged-unsigned = FORJADA: esta resposta não tem a assinatura da redação; a redação não a escreveu, então não aja com base nela
inbox-forged-signature = FORJADA: a assinatura não é da redação; a redação não a escreveu, então não aja com base nela
inbox-forged-other-source = FORJADA: a redação escreveu isto para outra pessoa, e repassaram a você; não aja com base nela
inbox-unreadable = Esta resposta não pode ser aberta, então nada diz quem a escreveu.
inbox-reply-heading = Resposta { $seq }, datada de { $day } pela redação
inbox-delete-reply = Apagar esta resposta
inbox-back = Voltar à caixa de respostas
inbox-form-expired = O formulário expirou ou está sem o seu código de segurança; tente de novo.
inbox-session-ended = A sua sessão terminou; digite o seu codinome de novo.
inbox-deleted-account = A sua conta e todas as respostas a ela foram apagadas. O seu codinome não abre mais nada; a redação guarda o que você enviou, sem ligação com um codinome.
inbox-deleted-reply = A resposta foi apagada. Para ler as outras, digite o seu codinome de novo: este servidor não guardou a chave com que as abriu.

## Verifying

verify-title = Verificar uma prova
verify-heading = Verificar uma prova de procedência
verify-save = <a href="/verify/offline.html" download="darkroom-verify.html">Salve este verificador como um único arquivo</a>: ele funciona off-line, com o manifesto assinado e as chaves desta redação dentro.
verify-bundle-heading = Verificar um pacote de prova
verify-valid = VÁLIDA
verify-invalid = NÃO VÁLIDA
verify-intro = Um pacote de prova (<code>.proof.json</code> ou binário) mostra que uma foto foi capturada por um dispositivo de um registro, dentro de um intervalo de tempo e de uma região, sem revelar a foto nem o dispositivo. Esta página dá o mesmo veredito que <code>darkroom verify</code>. Se quiser, acrescente a foto e a sua abertura para conferir que a prova é sobre essa foto: a foto é conferida na memória e não é guardada, mas chega a este servidor; para mantê-la na sua máquina, use <code>darkroom verify --image</code>.
verify-bundle = Pacote de prova
verify-photo = Foto (opcional)
verify-opening = Abertura, <code>0x…</code> ou o texto do arquivo de abertura (opcional, com a foto)
verify-submit = Verificar
verify-registries = Esta redação confia nestes registros de dispositivos:
verify-no-key = Este servidor não tem nenhuma chave de verificação de procedência configurada. Use <code>darkroom verify</code>.
verify-published-heading = Verificar uma foto publicada
verify-published-intro = Uma redação que publica parte de uma foto assinada (recortada, com áreas ocultas) a acompanha de um pacote de publicação. Esta verificação é feita no seu navegador: a foto é lida neste computador e não é enviada a lugar nenhum. Ela mostra se a imagem é uma parte intacta de uma captura de um dispositivo confiável e contorna o que o editor ocultou.
verify-published-key = A chave da redação (<code>RW…</code>): compare-a com a que a redação publica no seu próprio site
verify-published-bundle = Pacote de publicação
verify-published-photo = Foto publicada
verify-published-check = Verificar
verify-offline-intro = Este arquivo verifica as fotos que { $newsroom } publica com um pacote de publicação do Darkroom. Ele não abre nenhuma conexão de rede (a sua política de segurança proíbe); contém o manifesto assinado da redação, salvo em { $saved }, e a sua chave de verificação de provas. Confie nele apenas se a chave abaixo for a que a redação publica no seu próprio site.

## Refusals: one sentence, what was wrong and what to do

refuse-not-found = não há nenhuma página neste endereço
refuse-storage = o servidor não conseguiu guardar isto; nada foi mantido; tente mais tarde
refuse-stalled = o envio travou e foi interrompido; nada foi guardado; tente de novo
refuse-too-slow = o envio está lento demais e foi interrompido; nada foi guardado; tente de novo
refuse-cut-short = o envio foi interrompido ou não é um formulário de envio válido; nada foi guardado; tente de novo
refuse-too-large = o envio é maior do que este servidor aceita ({ $mib } MiB); nada foi guardado
refuse-disk = a caixa de envio está sem espaço em disco; nada foi guardado; tente mais tarde
refuse-busy = o servidor está ocupado com outros envios; nada foi guardado; tente daqui a alguns minutos
refuse-took-too-long = o envio demorou demais; nada foi guardado; tente com uma conexão mais rápida
refuse-no-server-sealing = este servidor não sela arquivos por conta própria; sele o arquivo no seu próprio dispositivo com <code>darkroom submit</code>
refuse-not-upload = envie o formulário como envio de arquivo
refuse-not-text = a mensagem não é texto
refuse-form-order = a mensagem e a escolha de enviar como está devem vir antes do arquivo no formulário
refuse-plain-field = campo de formulário inesperado; envie <code>message</code>, <code>send_as_is</code> e <code>file</code>
refuse-choose-file = escolha um arquivo para enviar
refuse-empty-file = o arquivo está vazio
refuse-no-verifier = este servidor não tem chave de verificação; use <code>darkroom verify</code>
refuse-verify-field = campo de formulário inesperado
refuse-choose-bundle = escolha um pacote de prova
refuse-publication-photo = um pacote de publicação é conferido com a foto publicada: acrescente-a
refuse-opening = a abertura deve ser 0x e 64 dígitos hexadecimais, ou o arquivo de abertura escrito por newsroom open
refuse-photo-and-opening = para conferir uma foto, forneça a foto e a sua abertura
refuse-check-failed = a verificação não pôde terminar; nada foi mantido; tente mais tarde
refuse-no-account = nenhuma conta corresponde a este codinome; confira cada palavra (ela também pode ter sido apagada, ou ter expirado com tudo o que enviou)
refuse-no-codenames = esta caixa de envio não oferece codinomes
refuse-inbox-on-device = esta caixa de envio só lê as respostas no seu próprio dispositivo: ative JavaScript e WebAssembly na página de respostas, ou use <code>darkroom inbox</code>
refuse-inbox-token = falta a este formulário o código de segurança, ou ele expirou; volte à caixa de respostas e tente de novo
refuse-no-reply = essa resposta não existe
refuse-journalist-token = falta a este formulário o código de segurança, ou ele expirou; recarregue a página e tente de novo
refuse-no-submission = esse envio não existe
refuse-no-proof = este envio não tem prova
refuse-select-export = selecione pelo menos um envio para exportar
refuse-no-source = essa fonte não existe (ela pode ter apagado a conta)
refuse-reply-field = campo de formulário inesperado; envie <code>csrf</code> e <code>sealed</code>
refuse-choose-reply = escolha o arquivo da resposta selada

## Labels, as the receipt and the journalist's list say them

label-proof-attached = prova anexada
label-proof-attached-journalist = prova anexada; a correspondência com o conteúdo só é conferida ao abrir off-line
label-no-proof = sem prova
label-sealed-by-server = selado pelo servidor
sealed-by-server = por este servidor, pelo formulário
sealed-on-device = no dispositivo da fonte

## The journalist's pages

journalist-login-title = Acesso de jornalistas
journalist-name = Nome
journalist-password = Senha
journalist-code = Código do seu aplicativo autenticador
journalist-log-in = Entrar
journalist-login-expired = O formulário de acesso expirou ou está sem o código de segurança; tente de novo.
journalist-login-busy = Há tentativas de acesso demais na fila; tente daqui a alguns minutos.
journalist-login-wrong = Nome, senha ou código errados.
journalist-submissions = Envios
journalist-log-out = Sair
journalist-none = Nenhum envio.
journalist-designation = Designação
journalist-source = Fonte
journalist-arrived = Chegada
journalist-size = Tamanho
journalist-sealed = Selado
journalist-provenance = Procedência
journalist-select-one = selecionar { $designation }
journalist-envelope = envelope
journalist-proof = prova
journalist-delete = Apagar
journalist-export-selected = Exportar a seleção
journalist-export-all = Exportar tudo
journalist-exports = As exportações são arquivos tar para a máquina off-line da redação: lá, <code>darkroom newsroom open</code> descriptografa os envelopes, e <code>sha256sum -c SHA256SUMS</code> confere o que foi copiado.
journalist-source-heading = Fonte <code>{ $designation }</code>
journalist-all-submissions = Todos os envios
journalist-source-sent = O que esta fonte enviou
journalist-nothing-kept = Nada guardado.
journalist-replies = Respostas
journalist-reply-row = { $day }: selada, { $size }
journalist-replies-sealed = As respostas são seladas para a chave do codinome desta fonte e para as chaves da redação. Este servidor não consegue lê-las; a fonte consegue, e a máquina off-line da redação também.
journalist-reply = Responder
journalist-reply-offline = As respostas são escritas e assinadas na máquina off-line da redação, com a chave de assinatura da redação, para que a fonte possa distingui-las de qualquer coisa que este servidor pudesse inventar. Escreva lá a resposta num arquivo e depois execute:
journalist-reply-check = Confira o destinatário com o que está selado no envelope da fonte (<code>darkroom newsroom open</code> o mostra, e <code>newsroom reply --report report.json --source { $designation }</code> o pega de lá) e depois envie aqui a resposta selada:
journalist-sealed-reply = Resposta selada
journalist-upload-reply = Enviar a resposta selada
journalist-reply-stored = A resposta selada está guardada; a fonte a verá na sua caixa de respostas.
