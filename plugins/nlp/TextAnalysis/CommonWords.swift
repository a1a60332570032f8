/// Frequent English words of five letters or more (singularised like keys) that are never fuzzily
/// corrected into a catalogue name: "apply" must not become "apple", "photos" must not become "photon".
enum CommonWords {
    static let guarded: Set<String> = Set(list.split(separator: " ").map(String.init))

    private static let list = """
    about above after again against agree ahead alarm album alert alive allow alone along already also \
    always amazing among angry announce another answer anyone anything anyway apart apply april around \
    arrive asked aspect award aware awesome badly basic beach became because become before begin being \
    believe below best better between beyond black blame block board bonus bought brand bread break \
    bring broke brother brought brown build built business buyer cable carry catch cause change charge \
    cheap check child choice chose class clean clear click close coffee color come comes coming contact \
    could count couple course cover crazy cream credit cross crowd daily dance dealer death delay deliver \
    delivery design device dinner doing dollar double doubt dream dress drink drive early earth eight \
    either email empty enjoy enough enter entire error event every everyone everything exact example \
    excited expect extra family famous father favorite fault feature february feel field fight final \
    finally first floor follow food force forget found frame friday fresh friend front fruit funny \
    given glass going gonna great green group guess guest happen happy heard heart heavy hello helpful \
    house however human hurry ideas image important inside instead issue items january july juice june \
    kinda later laugh learn least leave level light likely limit little local login longer looking \
    loved lovely lower lucky lunch major maker march market maybe means meant media message might minute \
    model modern money month monday morning mother mouse movie music never night noise north nothing \
    notice number offer office often order other outside owner paper party pause people perfect phone \
    photo piece place plane plant plate please point power press price print prize probably problem \
    product proud quick quiet quite radio raise range rather reach ready really reason record refund \
    remember reply report return review right river round route sales saturday saying scale school \
    score screen second seems seller sense service seven shall share sharp sheet shelf shift shine \
    shirt shoes shopping short should shout since sister sleep slowly small smart smile sorry sound \
    south space speak special speed spend spent sport staff stand start state still stock stone store \
    story street strong stuck study stuff style sunday super sure sweet table taken taste teach thank \
    thanks their there these thing think third those though three through thursday today together \
    tomorrow tonight total touch tough tower track trade train travel treat trust truth tuesday twice \
    under until update upset using usual value video visit voice waiting wanna watch water wednesday \
    week weekend weird where which while white whole whose woman women world worry worse worst worth \
    would write wrong yearly young yours
    """
}
