// Fills a PDF form with MuPDF's form API, which updates each widget's
// appearance, and saves it as an incremental update.
// mutool run mupdf.js IN.pdf OUT.pdf VALUES.json
var doc = new Document(scriptArgs[0]);
var values = JSON.parse(read(scriptArgs[2]));
for (var p = 0; p < doc.countPages(); p++) {
  var widgets = doc.loadPage(p).getWidgets();
  for (var i = 0; i < widgets.length; i++) {
    // The label is the field's name where it has no tooltip (/TU).
    var name = widgets[i].getLabel();
    if (values.hasOwnProperty(name)) {
      widgets[i].setTextValue(values[name]);
      widgets[i].update();
    }
  }
}
doc.save(scriptArgs[1], "incremental");
