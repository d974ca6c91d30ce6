/**
 * Public roots Lookout recognises without a CA bundle: subject and SHA-256 fingerprint of 55 roots
 * that issue most public TLS certificates (Let's Encrypt, DigiCert, Sectigo, GlobalSign, Google,
 * Amazon, Microsoft, GoDaddy, Entrust and others), taken from Debian's ca-certificates (the Mozilla
 * store). A chain ends well when its last certificate is one of these (by fingerprint) or is issued
 * by one of these subjects (servers usually leave the root out). See trust.ts for what that proves.
 */
export const PUBLIC_ROOTS: readonly (readonly [subject: string, sha256: string])[] = [
  [
    'C=IT\nL=Milan\nO=Actalis S.p.A./03358520967\nCN=Actalis Authentication Root CA',
    '55926084ec963a64b96e2abe01ce0ba86a64fbfebcc7aab5afc155b37fd76066',
  ],
  ['C=US\nO=Amazon\nCN=Amazon Root CA 1', '8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e'],
  ['C=US\nO=Amazon\nCN=Amazon Root CA 2', '1ba5b2aa8c65401a82960118f80bec4f62304d83cec4713a19c39c011ea46db4'],
  ['C=US\nO=Amazon\nCN=Amazon Root CA 3', '18ce6cfe7bf14e60b2e347b8dfe868cb31d02ebb3ada271569f50343b46db3a4'],
  ['C=US\nO=Amazon\nCN=Amazon Root CA 4', 'e35d28419ed02025cfa69038cd623962458da5c695fbdea3c22b0bfb25897092'],
  [
    'C=IE\nO=Baltimore\nOU=CyberTrust\nCN=Baltimore CyberTrust Root',
    '16af57a9f676b0ab126095aa5ebadef22ab31119d644ac95cd4b93dbf3f26aeb',
  ],
  [
    'C=NO\nO=Buypass AS-983163327\nCN=Buypass Class 2 Root CA',
    '9a114025197c5bb95d94e63d55cd43790847b646b23cdf11ada4a00eff15fb48',
  ],
  [
    'C=GB\nST=Greater Manchester\nL=Salford\nO=COMODO CA Limited\nCN=COMODO ECC Certification Authority',
    '1793927a0614549789adce2f8f34f7f0b66d0f3ae3a3b84d21ec15dbba4fadc7',
  ],
  [
    'C=GB\nST=Greater Manchester\nL=Salford\nO=COMODO CA Limited\nCN=COMODO RSA Certification Authority',
    '52f0e1c4e58ec629291b60317f074671b85d7ea80d5b07273463534b32b40234',
  ],
  [
    'C=FR\nO=Dhimyotis\nOU=0002 48146308100036\nCN=Certigna Root CA',
    'd48d3d23eedb50a459e55197601c27774b9d7b18c94d5a059511a10250b93168',
  ],
  [
    'C=PL\nO=Unizeto Technologies S.A.\nOU=Certum Certification Authority\nCN=Certum Trusted Network CA',
    '5c58468d55f58e497e743982d2b50010b6d165374acf83a7d4a32db768c4408e',
  ],
  [
    'C=PL\nO=Unizeto Technologies S.A.\nOU=Certum Certification Authority\nCN=Certum Trusted Network CA 2',
    'b676f2eddae8775cd36cb0f63cd1d4603961f49e6265ba013a2f0307b6d0b804',
  ],
  [
    'C=GB\nST=Greater Manchester\nL=Salford\nO=Comodo CA Limited\nCN=AAA Certificate Services',
    'd7a7a0fb5d7e2731d771e9484ebcdef71d5f0c3e0a2948782bc83ee0ea699ef4',
  ],
  [
    'C=DE\nO=D-Trust GmbH\nCN=D-TRUST Root Class 3 CA 2 2009',
    '49e7a442acf0ea6287050054b52564b650e4f49e42e348d6aa38e039e957b1c1',
  ],
  [
    'C=US\nO=DigiCert Inc\nOU=www.digicert.com\nCN=DigiCert Global Root CA',
    '4348a0e9444c78cb265e058d5e8944b4d84f9662bd26db257f8934a443c70161',
  ],
  [
    'C=US\nO=DigiCert Inc\nOU=www.digicert.com\nCN=DigiCert Global Root G2',
    'cb3ccbb76031e5e0138f8dd39a23f9de47ffc35e43c1144cea27d46a5ab1cb5f',
  ],
  [
    'C=US\nO=DigiCert Inc\nOU=www.digicert.com\nCN=DigiCert Global Root G3',
    '31ad6648f8104138c738f39ea4320133393e3a18cc02296ef97c2ac9ef6731d0',
  ],
  [
    'C=US\nO=DigiCert Inc\nOU=www.digicert.com\nCN=DigiCert High Assurance EV Root CA',
    '7431e5f4c3c1ce4690774f0b61e05440883ba9a01ed00ba6abd7806ed3b118cf',
  ],
  [
    'C=US\nO=DigiCert\\, Inc.\nCN=DigiCert TLS ECC P384 Root G5',
    '018e13f0772532cf809bd1b17281867283fc48c6e13be9c69812854a490c1b05',
  ],
  [
    'C=US\nO=DigiCert\\, Inc.\nCN=DigiCert TLS RSA4096 Root G5',
    '371a00dc0533b3721a7eeb40e8419e70799d2b0a0f2c1d80693165f7cec4ad75',
  ],
  [
    'C=US\nO=Entrust\\, Inc.\nOU=www.entrust.net/CPS is incorporated by reference\nOU=(c) 2006 Entrust\\, Inc.\nCN=Entrust Root Certification Authority',
    '73c176434f1bc6d5adf45b0e76e727287c8de57616c1e6e6141a2b2cbc7d8e4c',
  ],
  [
    'C=US\nO=Entrust\\, Inc.\nOU=See www.entrust.net/legal-terms\nOU=(c) 2009 Entrust\\, Inc. - for authorized use only\nCN=Entrust Root Certification Authority - G2',
    '43df5774b03e7fef5fe40d931a7bedf1bb2e6b42738c4e6d3841103d3aa7f339',
  ],
  [
    'C=US\nO=Google Trust Services LLC\nCN=GTS Root R1',
    'd947432abde7b7fa90fc2e6b59101b1280e0e1c7e4e40fa3c6887fff57a7f4cf',
  ],
  [
    'C=US\nO=Google Trust Services LLC\nCN=GTS Root R2',
    '8d25cd97229dbf70356bda4eb3cc734031e24cf00fafcfd32dc76eb5841c7ea8',
  ],
  [
    'C=US\nO=Google Trust Services LLC\nCN=GTS Root R3',
    '34d8a73ee208d9bcdb0d956520934b4e40e69482596e8b6f73c8426b010a6f48',
  ],
  [
    'C=US\nO=Google Trust Services LLC\nCN=GTS Root R4',
    '349dfa4058c5e263123b398ae795573c4e1313c83fe68f93556cd5e8031b3c7d',
  ],
  [
    'OU=GlobalSign ECC Root CA - R4\nO=GlobalSign\nCN=GlobalSign',
    'b085d70b964f191a73e4af0d54ae7a0e07aafdaf9b71dd0862138ab7325a24a2',
  ],
  [
    'OU=GlobalSign ECC Root CA - R5\nO=GlobalSign\nCN=GlobalSign',
    '179fbc148a3dd00fd24ea13458cc43bfa7f59c8182d783a513f6ebec100c8924',
  ],
  [
    'C=BE\nO=GlobalSign nv-sa\nOU=Root CA\nCN=GlobalSign Root CA',
    'ebd41040e4bb3ec742c9e381d31ef2a41a48b6685c96e7cef3c1df6cd4331c99',
  ],
  [
    'OU=GlobalSign Root CA - R3\nO=GlobalSign\nCN=GlobalSign',
    'cbb522d7b7f127ad6a0113865bdf1cd4102e7d0759af635a7cf4720dc963c53b',
  ],
  [
    'OU=GlobalSign Root CA - R6\nO=GlobalSign\nCN=GlobalSign',
    '2cabeafe37d06ca22aba7391c0033d25982952c453647349763a3ab5ad6ccf69',
  ],
  [
    'C=BE\nO=GlobalSign nv-sa\nCN=GlobalSign Root E46',
    'cbb9c44d84b8043e1050ea31a69f514955d7bfd2e2c6b49301019ad61d9f5058',
  ],
  [
    'C=BE\nO=GlobalSign nv-sa\nCN=GlobalSign Root R46',
    '4fa3126d8d3a11d1c4855a4f807cbad6cf919d3a5a88b03bea2c6372d93c40c9',
  ],
  [
    'C=US\nST=Arizona\nL=Scottsdale\nO=GoDaddy.com\\, Inc.\nCN=Go Daddy Root Certificate Authority - G2',
    '45140b3247eb9cc8c5b4f0d7b53091f73292089e6e5a63e2749dd3aca9198eda',
  ],
  [
    'C=GR\nO=Hellenic Academic and Research Institutions CA\nCN=HARICA TLS ECC Root CA 2021',
    '3f99cc474acfce4dfed58794665e478d1547739f2e780f1bb4ca9b133097d401',
  ],
  [
    'C=GR\nO=Hellenic Academic and Research Institutions CA\nCN=HARICA TLS RSA Root CA 2021',
    'd95d0e8eda79525bf9beb11b14d2100d3294985f0c62d9fabd9cd999eccb7b1d',
  ],
  [
    'C=US\nO=Internet Security Research Group\nCN=ISRG Root X1',
    '96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6',
  ],
  [
    'C=US\nO=Internet Security Research Group\nCN=ISRG Root X2',
    '69729b8e15a86efc177a57afb7171dfc64add28c2fca8cf1507e34453ccb1470',
  ],
  [
    'C=US\nO=IdenTrust\nCN=IdenTrust Commercial Root CA 1',
    '5d56499be4d2e08bcfcad08a3e38723d50503bde706948e42f55603019e528ae',
  ],
  [
    'C=US\nO=Microsoft Corporation\nCN=Microsoft ECC Root Certificate Authority 2017',
    '358df39d764af9e1b766e9c972df352ee15cfac227af6ad1d70e8e4a6edcba02',
  ],
  [
    'C=US\nO=Microsoft Corporation\nCN=Microsoft RSA Root Certificate Authority 2017',
    'c741f70f4b2a8d88bf2e71c14122ef53ef10eba0cfa5e64cfa20f418853073e0',
  ],
  [
    'C=BM\nO=QuoVadis Limited\nCN=QuoVadis Root CA 2 G3',
    '8fe4fb0af93a4d0d67db0bebb23e37c71bf325dcbcdd240ea04daf58b47e1840',
  ],
  [
    'C=US\nST=Texas\nL=Houston\nO=SSL Corporation\nCN=SSL.com EV Root Certification Authority ECC',
    '22a2c1f7bded704cc1e701b5f408c310880fe956b5de2a4a44f99c873a25a7c8',
  ],
  [
    'C=US\nST=Texas\nL=Houston\nO=SSL Corporation\nCN=SSL.com EV Root Certification Authority RSA R2',
    '2e7bf16cc22485a7bbe2aa8696750761b0ae39be3b2fe9d0cc6d4ef73491425c',
  ],
  [
    'C=US\nST=Texas\nL=Houston\nO=SSL Corporation\nCN=SSL.com Root Certification Authority ECC',
    '3417bb06cc6007da1b961c920b8ab4ce3fad820e4aa30b9acbc4a74ebdcebc65',
  ],
  [
    'C=US\nST=Texas\nL=Houston\nO=SSL Corporation\nCN=SSL.com Root Certification Authority RSA',
    '85666a562ee0be5ce925c1d8890a6f76a87ec16d4d7d5f29ea7419cf20123b69',
  ],
  [
    'C=GB\nO=Sectigo Limited\nCN=Sectigo Public Server Authentication Root E46',
    'c90f26f0fb1b4018b22227519b5ca2b53e2ca5b3be5cf18efe1bef47380c5383',
  ],
  [
    'C=GB\nO=Sectigo Limited\nCN=Sectigo Public Server Authentication Root R46',
    '7bb647a62aeeac88bf257aa522d01ffea395e0ab45c73f93f65654ec38f25a06',
  ],
  [
    'C=JP\nO=SECOM Trust Systems CO.\\,LTD.\nOU=Security Communication RootCA2',
    '513b2cecb810d4cde5dd85391adfc6c2dd60d87bb736d2b521484aa47a0ebef6',
  ],
  [
    'C=US\nST=Arizona\nL=Scottsdale\nO=Starfield Technologies\\, Inc.\nCN=Starfield Root Certificate Authority - G2',
    '2ce1cb0bf9d2f9e102993fbe215152c3b2dd0cabde1c68e5319b839154dbb7f5',
  ],
  [
    'C=CH\nO=SwissSign AG\nCN=SwissSign Gold CA - G2',
    '62dd0be9b9f50a163ea0f8e75c053b1eca57ea55c8688f647c6881f2c8357b95',
  ],
  [
    'C=DE\nO=T-Systems Enterprise Services GmbH\nOU=T-Systems Trust Center\nCN=T-TeleSec GlobalRoot Class 2',
    '91e2f5788d5810eba7ba58737de1548a8ecacd014598bc0b143e041b17052552',
  ],
  [
    'C=US\nST=Illinois\nL=Chicago\nO=Trustwave Holdings\\, Inc.\nCN=Trustwave Global Certification Authority',
    '97552015f5ddfc3c8788c006944555408894450084f100867086bc1a2bb58dc8',
  ],
  [
    'C=US\nST=New Jersey\nL=Jersey City\nO=The USERTRUST Network\nCN=USERTrust ECC Certification Authority',
    '4ff460d54b9c86dabfbcfc5712e0400d2bed3fbc4d4fbdaa86e06adcd2a9ad7a',
  ],
  [
    'C=US\nST=New Jersey\nL=Jersey City\nO=The USERTRUST Network\nCN=USERTrust RSA Certification Authority',
    'e793c9b02fd8aa13e21c31228accb08119643b749c898964b1746d46c3d4cbd2',
  ],
];
