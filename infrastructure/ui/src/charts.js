// The parts of Chart.js the dashboard uses, registered once and bundled by esbuild into one ES module
// that the application serves itself (static/ui/vendor/charts.js). Chart.js draws on a canvas and
// sizes it through the CSSOM (element.style), which the pages' style-src 'self' allows: it inserts
// no <style> element and no style attribute.
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement,
  PointElement, Tooltip);

export { Chart };
