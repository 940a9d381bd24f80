// Material for MkDocs' inline start-up script (MIT licence, (c) Martin Donath),
// moved to a file so the site runs under a Content-Security-Policy with no
// inline scripts.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
