/*! ITB webchat widget. Bundles socket.io-client, engine.io-client, engine.io-parser,
 socket.io-parser (MIT, Copyright (c) 2014-present Guillermo Rauch and Socket.IO contributors)
 and @socket.io/component-emitter (MIT, Copyright (c) 2014 Component contributors). */
(()=>{var hn=Object.defineProperty;var fn=(n,e)=>{for(var t in e)hn(n,t,{get:e[t],enumerable:!0})};var N=Object.create(null);N.open="0";N.close="1";N.ping="2";N.pong="3";N.message="4";N.upgrade="5";N.noop="6";var se=Object.create(null);Object.keys(N).forEach(n=>{se[N[n]]=n});var ie={type:"error",data:"parser error"};var yt=typeof Blob=="function"||typeof Blob<"u"&&Object.prototype.toString.call(Blob)==="[object BlobConstructor]",bt=typeof ArrayBuffer=="function",xt=n=>typeof ArrayBuffer.isView=="function"?ArrayBuffer.isView(n):n&&n.buffer instanceof ArrayBuffer,re=({type:n,data:e},t,s)=>yt&&e instanceof Blob?t?s(e):mt(e,s):bt&&(e instanceof ArrayBuffer||xt(e))?t?s(e):mt(new Blob([e]),s):s(N[n]+(e||"")),mt=(n,e)=>{let t=new FileReader;return t.onload=function(){let s=t.result.split(",")[1];e("b"+(s||""))},t.readAsDataURL(n)};function gt(n){return n instanceof Uint8Array?n:n instanceof ArrayBuffer?new Uint8Array(n):new Uint8Array(n.buffer,n.byteOffset,n.byteLength)}var Ie;function _t(n,e){if(yt&&n.data instanceof Blob)return n.data.arrayBuffer().then(gt).then(e);if(bt&&(n.data instanceof ArrayBuffer||xt(n.data)))return e(gt(n.data));re(n,!1,t=>{Ie||(Ie=new TextEncoder),e(Ie.encode(t))})}var wt="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",oe=typeof Uint8Array>"u"?[]:new Uint8Array(256);for(let n=0;n<wt.length;n++)oe[wt.charCodeAt(n)]=n;var kt=n=>{let e=n.length*.75,t=n.length,s,i=0,o,a,f,p;n[n.length-1]==="="&&(e--,n[n.length-2]==="="&&e--);let _=new ArrayBuffer(e),k=new Uint8Array(_);for(s=0;s<t;s+=4)o=oe[n.charCodeAt(s)],a=oe[n.charCodeAt(s+1)],f=oe[n.charCodeAt(s+2)],p=oe[n.charCodeAt(s+3)],k[i++]=o<<2|a>>4,k[i++]=(a&15)<<4|f>>2,k[i++]=(f&3)<<6|p&63;return _};var un=typeof ArrayBuffer=="function",ae=(n,e)=>{if(typeof n!="string")return{type:"message",data:vt(n,e)};let t=n.charAt(0);return t==="b"?{type:"message",data:pn(n.substring(1),e)}:se[t]?n.length>1?{type:se[t],data:n.substring(1)}:{type:se[t]}:ie},pn=(n,e)=>{if(un){let t=kt(n);return vt(t,e)}else return{base64:!0,data:n}},vt=(n,e)=>e==="blob"?n instanceof Blob?n:new Blob([n]):n instanceof ArrayBuffer?n:n.buffer;var Et="",Tt=(n,e)=>{let t=n.length,s=new Array(t),i=0;n.forEach((o,a)=>{re(o,!1,f=>{s[a]=f,++i===t&&e(s.join(Et))})})},St=(n,e)=>{let t=n.split(Et),s=[];for(let i=0;i<t.length;i++){let o=ae(t[i],e);if(s.push(o),o.type==="error")break}return s};function At(){return new TransformStream({transform(n,e){_t(n,t=>{let s=t.length,i;if(s<126)i=new Uint8Array(1),new DataView(i.buffer).setUint8(0,s);else if(s<65536){i=new Uint8Array(3);let o=new DataView(i.buffer);o.setUint8(0,126),o.setUint16(1,s)}else{i=new Uint8Array(9);let o=new DataView(i.buffer);o.setUint8(0,127),o.setBigUint64(1,BigInt(s))}n.data&&typeof n.data!="string"&&(i[0]|=128),e.enqueue(i),e.enqueue(t)})}})}var De;function _e(n){return n.reduce((e,t)=>e+t.length,0)}function we(n,e){if(n[0].length===e)return n.shift();let t=new Uint8Array(e),s=0;for(let i=0;i<e;i++)t[i]=n[0][s++],s===n[0].length&&(n.shift(),s=0);return n.length&&s<n[0].length&&(n[0]=n[0].slice(s)),t}function Ct(n,e){De||(De=new TextDecoder);let t=[],s=0,i=-1,o=!1;return new TransformStream({transform(a,f){for(t.push(a);;){if(s===0){if(_e(t)<1)break;let p=we(t,1);o=(p[0]&128)===128,i=p[0]&127,i<126?s=3:i===126?s=1:s=2}else if(s===1){if(_e(t)<2)break;let p=we(t,2);i=new DataView(p.buffer,p.byteOffset,p.length).getUint16(0),s=3}else if(s===2){if(_e(t)<8)break;let p=we(t,8),_=new DataView(p.buffer,p.byteOffset,p.length),k=_.getUint32(0);if(k>Math.pow(2,21)-1){f.enqueue(ie);break}i=k*Math.pow(2,32)+_.getUint32(4),s=3}else{if(_e(t)<i)break;let p=we(t,i);f.enqueue(ae(o?p:De.decode(p),e)),s=0}if(i===0||i>n){f.enqueue(ie);break}}}})}var Ue=4;function b(n){if(n)return dn(n)}function dn(n){for(var e in b.prototype)n[e]=b.prototype[e];return n}b.prototype.on=b.prototype.addEventListener=function(n,e){return this._callbacks=this._callbacks||{},(this._callbacks["$"+n]=this._callbacks["$"+n]||[]).push(e),this};b.prototype.once=function(n,e){function t(){this.off(n,t),e.apply(this,arguments)}return t.fn=e,this.on(n,t),this};b.prototype.off=b.prototype.removeListener=b.prototype.removeAllListeners=b.prototype.removeEventListener=function(n,e){if(this._callbacks=this._callbacks||{},arguments.length==0)return this._callbacks={},this;var t=this._callbacks["$"+n];if(!t)return this;if(arguments.length==1)return delete this._callbacks["$"+n],this;for(var s,i=0;i<t.length;i++)if(s=t[i],s===e||s.fn===e){t.splice(i,1);break}return t.length===0&&delete this._callbacks["$"+n],this};b.prototype.emit=function(n){this._callbacks=this._callbacks||{};for(var e=new Array(arguments.length-1),t=this._callbacks["$"+n],s=1;s<arguments.length;s++)e[s-1]=arguments[s];if(t){t=t.slice(0);for(var s=0,i=t.length;s<i;++s)t[s].apply(this,e)}return this};b.prototype.emitReserved=b.prototype.emit;b.prototype.listeners=function(n){return this._callbacks=this._callbacks||{},this._callbacks["$"+n]||[]};b.prototype.hasListeners=function(n){return!!this.listeners(n).length};var L=typeof Promise=="function"&&typeof Promise.resolve=="function"?e=>Promise.resolve().then(e):(e,t)=>t(e,0),S=typeof self<"u"?self:typeof window<"u"?window:Function("return this")(),Ot="arraybuffer";function ke(n,...e){return e.reduce((t,s)=>(n.hasOwnProperty(s)&&(t[s]=n[s]),t),{})}var mn=S.setTimeout,gn=S.clearTimeout;function P(n,e){e.useNativeTimers?(n.setTimeoutFn=mn.bind(S),n.clearTimeoutFn=gn.bind(S)):(n.setTimeoutFn=S.setTimeout.bind(S),n.clearTimeoutFn=S.clearTimeout.bind(S))}var yn=1.33;function Rt(n){return typeof n=="string"?bn(n):Math.ceil((n.byteLength||n.size)*yn)}function bn(n){let e=0,t=0;for(let s=0,i=n.length;s<i;s++)e=n.charCodeAt(s),e<128?t+=1:e<2048?t+=2:e<55296||e>=57344?t+=3:(s++,t+=4);return t}function ve(){return Date.now().toString(36).substring(3)+Math.random().toString(36).substring(2,5)}function Nt(n){let e="";for(let t in n)n.hasOwnProperty(t)&&(e.length&&(e+="&"),e+=encodeURIComponent(t)+"="+encodeURIComponent(n[t]));return e}function Bt(n){let e={},t=n.split("&");for(let s=0,i=t.length;s<i;s++){let o=t[s].split("=");e[decodeURIComponent(o[0])]=decodeURIComponent(o.slice(1).join("="))}return e}var Ee=class extends Error{constructor(e,t,s){super(e),this.description=t,this.context=s,this.type="TransportError"}},q=class extends b{constructor(e){super(),this.writable=!1,P(this,e),this.opts=e,this.query=e.query,this.socket=e.socket,this.supportsBinary=!e.forceBase64}onError(e,t,s){return super.emitReserved("error",new Ee(e,t,s)),this}open(){return this.readyState="opening",this.doOpen(),this}close(){return(this.readyState==="opening"||this.readyState==="open")&&(this.doClose(),this.onClose()),this}send(e){this.readyState==="open"&&this.write(e)}onOpen(){this.readyState="open",this.writable=!0,super.emitReserved("open")}onData(e){let t=ae(e,this.socket.binaryType);this.onPacket(t)}onPacket(e){super.emitReserved("packet",e)}onClose(e){this.readyState="closed",super.emitReserved("close",e)}pause(e){}createUri(e,t={}){return e+"://"+this._hostname()+this._port()+this.opts.path+this._query(t)}_hostname(){let e=this.opts.hostname;return e.indexOf(":")===-1?e:"["+e+"]"}_port(){return this.opts.port&&(this.opts.secure&&Number(this.opts.port)!==443||!this.opts.secure&&Number(this.opts.port)!==80)?":"+this.opts.port:""}_query(e){let t=Nt(e);return t.length?"?"+t:""}};var ce=class extends q{constructor(){super(...arguments),this._polling=!1}get name(){return"polling"}doOpen(){this._poll()}pause(e){this.readyState="pausing";let t=()=>{this.readyState="paused",e()};if(this._polling||!this.writable){let s=0;this._polling&&(s++,this.once("pollComplete",function(){--s||t()})),this.writable||(s++,this.once("drain",function(){--s||t()}))}else t()}_poll(){this._polling=!0,this.doPoll(),this.emitReserved("poll")}onData(e){let t=s=>{if(this.readyState==="opening"&&s.type==="open"&&this.onOpen(),s.type==="close")return this.onClose({description:"transport closed by the server"}),!1;this.onPacket(s)};St(e,this.socket.binaryType).forEach(t),this.readyState!=="closed"&&(this._polling=!1,this.emitReserved("pollComplete"),this.readyState==="open"&&this._poll())}doClose(){let e=()=>{this.write([{type:"close"}])};this.readyState==="open"?e():this.once("open",e)}write(e){this.writable=!1,Tt(e,t=>{this.doWrite(t,()=>{this.writable=!0,this.emitReserved("drain")})})}uri(){let e=this.opts.secure?"https":"http",t=this.query||{};return this.opts.timestampRequests!==!1&&(t[this.opts.timestampParam]=ve()),!this.supportsBinary&&!t.sid&&(t.b64=1),this.createUri(e,t)}};var Lt=!1;try{Lt=typeof XMLHttpRequest<"u"&&"withCredentials"in new XMLHttpRequest}catch{}var Pt=Lt;function xn(){}var Fe=class extends ce{constructor(e){if(super(e),typeof location<"u"){let t=location.protocol==="https:",s=location.port;s||(s=t?"443":"80"),this.xd=typeof location<"u"&&e.hostname!==location.hostname||s!==e.port}}doWrite(e,t){let s=this.request({method:"POST",data:e});s.on("success",t),s.on("error",(i,o)=>{this.onError("xhr post error",i,o)})}doPoll(){let e=this.request();e.on("data",this.onData.bind(this)),e.on("error",(t,s)=>{this.onError("xhr poll error",t,s)}),this.pollXhr=e}},D=class n extends b{constructor(e,t,s){super(),this.createRequest=e,P(this,s),this._opts=s,this._method=s.method||"GET",this._uri=t,this._data=s.data!==void 0?s.data:null,this._create()}_create(){var e;let t=ke(this._opts,"agent","pfx","key","passphrase","cert","ca","ciphers","rejectUnauthorized","autoUnref");t.xdomain=!!this._opts.xd;let s=this._xhr=this.createRequest(t);try{s.open(this._method,this._uri,!0);try{if(this._opts.extraHeaders){s.setDisableHeaderCheck&&s.setDisableHeaderCheck(!0);for(let i in this._opts.extraHeaders)this._opts.extraHeaders.hasOwnProperty(i)&&s.setRequestHeader(i,this._opts.extraHeaders[i])}}catch{}if(this._method==="POST")try{s.setRequestHeader("Content-type","text/plain;charset=UTF-8")}catch{}try{s.setRequestHeader("Accept","*/*")}catch{}(e=this._opts.cookieJar)===null||e===void 0||e.addCookies(s),"withCredentials"in s&&(s.withCredentials=this._opts.withCredentials),this._opts.requestTimeout&&(s.timeout=this._opts.requestTimeout),s.onreadystatechange=()=>{var i;s.readyState===3&&((i=this._opts.cookieJar)===null||i===void 0||i.parseCookies(s.getResponseHeader("set-cookie"))),s.readyState===4&&(s.status===200||s.status===1223?this._onLoad():this.setTimeoutFn(()=>{this._onError(typeof s.status=="number"?s.status:0)},0))},s.send(this._data)}catch(i){this.setTimeoutFn(()=>{this._onError(i)},0);return}typeof document<"u"&&(this._index=n.requestsCount++,n.requests[this._index]=this)}_onError(e){this.emitReserved("error",e,this._xhr),this._cleanup(!0)}_cleanup(e){if(!(typeof this._xhr>"u"||this._xhr===null)){if(this._xhr.onreadystatechange=xn,e)try{this._xhr.abort()}catch{}typeof document<"u"&&delete n.requests[this._index],this._xhr=null}}_onLoad(){let e=this._xhr.responseText;e!==null&&(this.emitReserved("data",e),this.emitReserved("success"),this._cleanup())}abort(){this._cleanup()}};D.requestsCount=0;D.requests={};if(typeof document<"u"){if(typeof attachEvent=="function")attachEvent("onunload",qt);else if(typeof addEventListener=="function"){let n="onpagehide"in S?"pagehide":"unload";addEventListener(n,qt,!1)}}function qt(){for(let n in D.requests)D.requests.hasOwnProperty(n)&&D.requests[n].abort()}var _n=(function(){let n=It({xdomain:!1});return n&&n.responseType!==null})(),U=class extends Fe{constructor(e){super(e);let t=e&&e.forceBase64;this.supportsBinary=_n&&!t}request(e={}){return Object.assign(e,{xd:this.xd},this.opts),new D(It,this.uri(),e)}};function It(n){let e=n.xdomain;try{if(typeof XMLHttpRequest<"u"&&(!e||Pt))return new XMLHttpRequest}catch{}if(!e)try{return new S[["Active"].concat("Object").join("X")]("Microsoft.XMLHTTP")}catch{}}var Dt=typeof navigator<"u"&&typeof navigator.product=="string"&&navigator.product.toLowerCase()==="reactnative",Ve=class extends q{get name(){return"websocket"}doOpen(){let e=this.uri(),t=this.opts.protocols,s=Dt?{}:ke(this.opts,"agent","perMessageDeflate","pfx","key","passphrase","cert","ca","ciphers","rejectUnauthorized","localAddress","protocolVersion","origin","maxPayload","family","checkServerIdentity");this.opts.extraHeaders&&(s.headers=this.opts.extraHeaders);try{this.ws=this.createSocket(e,t,s)}catch(i){return this.emitReserved("error",i)}this.ws.binaryType=this.socket.binaryType,this.addEventListeners()}addEventListeners(){this.ws.onopen=()=>{this.opts.autoUnref&&this.ws._socket.unref(),this.onOpen()},this.ws.onclose=e=>this.onClose({description:"websocket connection closed",context:e}),this.ws.onmessage=e=>this.onData(e.data),this.ws.onerror=e=>this.onError("websocket error",e)}write(e){this.writable=!1;for(let t=0;t<e.length;t++){let s=e[t],i=t===e.length-1;re(s,this.supportsBinary,o=>{try{this.doWrite(s,o)}catch{}i&&L(()=>{this.writable=!0,this.emitReserved("drain")},this.setTimeoutFn)})}}doClose(){typeof this.ws<"u"&&(this.ws.onerror=()=>{},this.ws.close(),this.ws=null)}uri(){let e=this.opts.secure?"wss":"ws",t=this.query||{};return this.opts.timestampRequests&&(t[this.opts.timestampParam]=ve()),this.supportsBinary||(t.b64=1),this.createUri(e,t)}},Me=S.WebSocket||S.MozWebSocket,F=class extends Ve{createSocket(e,t,s){return Dt?new Me(e,t,s):t?new Me(e,t):new Me(e)}doWrite(e,t){this.ws.send(t)}};var $=class extends q{get name(){return"webtransport"}doOpen(){try{this._transport=new WebTransport(this.createUri("https"),this.opts.transportOptions[this.name])}catch(e){return this.emitReserved("error",e)}this._transport.closed.then(()=>{this.onClose()}).catch(e=>{this.onError("webtransport error",e)}),this._transport.ready.then(()=>{this._transport.createBidirectionalStream().then(e=>{let t=Ct(Number.MAX_SAFE_INTEGER,this.socket.binaryType),s=e.readable.pipeThrough(t).getReader(),i=At();i.readable.pipeTo(e.writable),this._writer=i.writable.getWriter();let o=()=>{s.read().then(({done:f,value:p})=>{f||(this.onPacket(p),o())}).catch(f=>{})};o();let a={type:"open"};this.query.sid&&(a.data=`{"sid":"${this.query.sid}"}`),this._writer.write(a).then(()=>this.onOpen())})})}write(e){this.writable=!1;for(let t=0;t<e.length;t++){let s=e[t],i=t===e.length-1;this._writer.write(s).then(()=>{i&&L(()=>{this.writable=!0,this.emitReserved("drain")},this.setTimeoutFn)})}}doClose(){var e;(e=this._transport)===null||e===void 0||e.close()}};var ze={websocket:F,webtransport:$,polling:U};var wn=/^(?:(?![^:@\/?#]+:[^:@\/]*@)(http|https|ws|wss):\/\/)?((?:(([^:@\/?#]*)(?::([^:@\/?#]*))?)?@)?((?:[a-f0-9]{0,4}:){2,7}[a-f0-9]{0,4}|[^:\/?#]*)(?::(\d*))?)(((\/(?:[^?#](?![^?#\/]*\.[^?#\/.]+(?:[?#]|$)))*\/?)?([^?#\/]*))(?:\?([^#]*))?(?:#(.*))?)/,kn=["source","protocol","authority","userInfo","user","password","host","port","relative","path","directory","file","query","anchor"];function j(n){if(n.length>8e3)throw"URI too long";let e=n,t=n.indexOf("["),s=n.indexOf("]");t!=-1&&s!=-1&&(n=n.substring(0,t)+n.substring(t,s).replace(/:/g,";")+n.substring(s,n.length));let i=wn.exec(n||""),o={},a=14;for(;a--;)o[kn[a]]=i[a]||"";return t!=-1&&s!=-1&&(o.source=e,o.host=o.host.substring(1,o.host.length-1).replace(/;/g,":"),o.authority=o.authority.replace("[","").replace("]","").replace(/;/g,":"),o.ipv6uri=!0),o.pathNames=vn(o,o.path),o.queryKey=En(o,o.query),o}function vn(n,e){let t=/\/{2,9}/g,s=e.replace(t,"/").split("/");return(e.slice(0,1)=="/"||e.length===0)&&s.splice(0,1),e.slice(-1)=="/"&&s.splice(s.length-1,1),s}function En(n,e){let t={};return e.replace(/(?:^|&)([^&=]*)=?([^&]*)/g,function(s,i,o){i&&(t[i]=o)}),t}var He=typeof addEventListener=="function"&&typeof removeEventListener=="function",Te=[];He&&addEventListener("offline",()=>{Te.forEach(n=>n())},!1);var z=class n extends b{constructor(e,t={}){var s,i;if(super(),this.binaryType=Ot,this.writeBuffer=[],this._prevBufferLen=0,this._upgrades=[],this._pingInterval=-1,this._pingTimeout=-1,this._maxPayload=-1,this._pingTimeoutTime=1/0,e&&typeof e=="object"&&(t=e,e=null),e){let o=j(e);t.hostname=o.host,t.secure=o.protocol==="https"||o.protocol==="wss",t.port=o.port,o.query&&(t.query=o.query)}else t.host&&(t.hostname=j(t.host).host);if(P(this,t),this.secure=t.secure!=null?t.secure:typeof location<"u"&&location.protocol==="https:",t.hostname&&!t.port&&(t.port=this.secure?"443":"80"),this.hostname=t.hostname||(typeof location<"u"?location.hostname:"localhost"),this.port=t.port||(typeof location<"u"&&location.port?location.port:this.secure?"443":"80"),t.transportImplementations&&t.transports)throw new Error("specifying both 'transportImplementations' and 'transports' options is not supported");t.transportImplementations||!((s=t.transports)===null||s===void 0)&&s.length&&typeof t.transports[0]=="function"?(this.transports=[],this._transportsByName=Object.create(null),((i=t.transportImplementations)!==null&&i!==void 0?i:t.transports).forEach(o=>{let a=o.prototype.name;this.transports.push(a),this._transportsByName[a]=o})):(this.transports=t.transports?[...t.transports]:["polling","websocket","webtransport"],this._transportsByName=ze),this.opts=Object.assign({path:"/engine.io",agent:!1,withCredentials:!1,upgrade:!0,timestampParam:"t",rememberUpgrade:!1,addTrailingSlash:!0,rejectUnauthorized:!0,perMessageDeflate:{threshold:1024},transportOptions:{},closeOnBeforeunload:!1},t),this.opts.path=this.opts.path.replace(/\/$/,"")+(this.opts.addTrailingSlash?"/":""),typeof this.opts.query=="string"&&(this.opts.query=Bt(this.opts.query)),He&&(this.opts.closeOnBeforeunload&&(this._beforeunloadEventListener=()=>{this.transport&&(this.transport.removeAllListeners(),this.transport.close())},addEventListener("beforeunload",this._beforeunloadEventListener,!1)),this.hostname!=="localhost"&&(this._offlineEventListener=()=>{this._onClose("transport close",{description:"network connection lost"})},Te.push(this._offlineEventListener))),this.opts.withCredentials&&(this._cookieJar=void 0),this._open()}createTransport(e){let t=Object.assign({},this.opts.query);t.EIO=Ue,t.transport=e,this.id&&(t.sid=this.id);let s=Object.assign({},this.opts,{query:t,socket:this,hostname:this.hostname,secure:this.secure,port:this.port},this.opts.transportOptions[e]);return new this._transportsByName[e](s)}_open(){if(this.transports.length===0){this.setTimeoutFn(()=>{this.emitReserved("error","No transports available")},0);return}let e=this.opts.rememberUpgrade&&n.priorWebsocketSuccess&&this.transports.indexOf("websocket")!==-1?"websocket":this.transports[0];this.readyState="opening";let t=this.createTransport(e);t.open(),this.setTransport(t)}setTransport(e){this.transport&&this.transport.removeAllListeners(),this.transport=e,e.on("drain",this._onDrain.bind(this)).on("packet",this._onPacket.bind(this)).on("error",this._onError.bind(this)).on("close",t=>this._onClose("transport close",t))}_probe(e){let t=this.createTransport(e),s=!1;n.priorWebsocketSuccess=!1;let i=()=>{s||(t.send([{type:"ping",data:"probe"}]),t.once("packet",O=>{if(!s)if(O.type==="pong"&&O.data==="probe"){if(this.upgrading=!0,this.emitReserved("upgrading",t),!t)return;n.priorWebsocketSuccess=t.name==="websocket",this.transport.pause(()=>{s||this.readyState!=="closed"&&(k(),this.setTransport(t),t.send([{type:"upgrade"}]),this.emitReserved("upgrade",t),t=null,this.upgrading=!1,this.flush())})}else{let v=new Error("probe error");v.transport=t.name,this.emitReserved("upgradeError",v)}}))};function o(){s||(s=!0,k(),t.close(),t=null)}let a=O=>{let v=new Error("probe error: "+O);v.transport=t.name,o(),this.emitReserved("upgradeError",v)};function f(){a("transport closed")}function p(){a("socket closed")}function _(O){t&&O.name!==t.name&&o()}let k=()=>{t.removeListener("open",i),t.removeListener("error",a),t.removeListener("close",f),this.off("close",p),this.off("upgrading",_)};t.once("open",i),t.once("error",a),t.once("close",f),this.once("close",p),this.once("upgrading",_),this._upgrades.indexOf("webtransport")!==-1&&e!=="webtransport"?this.setTimeoutFn(()=>{s||t.open()},200):t.open()}onOpen(){if(this.readyState="open",n.priorWebsocketSuccess=this.transport.name==="websocket",this.emitReserved("open"),this.flush(),this.readyState==="open"&&this.opts.upgrade)for(let e=0;e<this._upgrades.length;e++)this._probe(this._upgrades[e])}_onPacket(e){if(this.readyState==="opening"||this.readyState==="open"||this.readyState==="closing")switch(this.emitReserved("packet",e),this.emitReserved("heartbeat"),e.type){case"open":this.onHandshake(JSON.parse(e.data));break;case"ping":this._sendPacket("pong"),this.emitReserved("ping"),this.emitReserved("pong"),this._resetPingTimeout();break;case"error":let t=new Error("server error");t.code=e.data,this._onError(t);break;case"message":this.emitReserved("data",e.data),this.emitReserved("message",e.data);break}}onHandshake(e){this.emitReserved("handshake",e),this.id=e.sid,this.transport.query.sid=e.sid,this._upgrades=this._filterUpgrades(e.upgrades),this._pingInterval=e.pingInterval,this._pingTimeout=e.pingTimeout,this._maxPayload=e.maxPayload,this.onOpen(),this.readyState!=="closed"&&this._resetPingTimeout()}_resetPingTimeout(){this.clearTimeoutFn(this._pingTimeoutTimer);let e=this._pingInterval+this._pingTimeout;this._pingTimeoutTime=Date.now()+e,this._pingTimeoutTimer=this.setTimeoutFn(()=>{this._onClose("ping timeout")},e),this.opts.autoUnref&&this._pingTimeoutTimer.unref()}_onDrain(){this.writeBuffer.splice(0,this._prevBufferLen),this._prevBufferLen=0,this.writeBuffer.length===0?this.emitReserved("drain"):this.flush()}flush(){if(this.readyState!=="closed"&&this.transport.writable&&!this.upgrading&&this.writeBuffer.length){let e=this._getWritablePackets();this.transport.send(e),this._prevBufferLen=e.length,this.emitReserved("flush")}}_getWritablePackets(){if(!(this._maxPayload&&this.transport.name==="polling"&&this.writeBuffer.length>1))return this.writeBuffer;let t=1;for(let s=0;s<this.writeBuffer.length;s++){let i=this.writeBuffer[s].data;if(i&&(t+=Rt(i)),s>0&&t>this._maxPayload)return this.writeBuffer.slice(0,s);t+=2}return this.writeBuffer}_hasPingExpired(){if(!this._pingTimeoutTime)return!0;let e=Date.now()>this._pingTimeoutTime;return e&&(this._pingTimeoutTime=0,L(()=>{this._onClose("ping timeout")},this.setTimeoutFn)),e}write(e,t,s){return this._sendPacket("message",e,t,s),this}send(e,t,s){return this._sendPacket("message",e,t,s),this}_sendPacket(e,t,s,i){if(typeof t=="function"&&(i=t,t=void 0),typeof s=="function"&&(i=s,s=null),this.readyState==="closing"||this.readyState==="closed")return;s=s||{},s.compress=s.compress!==!1;let o={type:e,data:t,options:s};this.emitReserved("packetCreate",o),this.writeBuffer.push(o),i&&this.once("flush",i),this.flush()}close(){let e=()=>{this._onClose("forced close"),this.transport.close()},t=()=>{this.off("upgrade",t),this.off("upgradeError",t),e()},s=()=>{this.once("upgrade",t),this.once("upgradeError",t)};return(this.readyState==="opening"||this.readyState==="open")&&(this.readyState="closing",this.writeBuffer.length?this.once("drain",()=>{this.upgrading?s():e()}):this.upgrading?s():e()),this}_onError(e){if(n.priorWebsocketSuccess=!1,this.opts.tryAllTransports&&this.transports.length>1&&this.readyState==="opening")return this.transports.shift(),this._open();this.emitReserved("error",e),this._onClose("transport error",e)}_onClose(e,t){if(this.readyState==="opening"||this.readyState==="open"||this.readyState==="closing"){if(this.clearTimeoutFn(this._pingTimeoutTimer),this.transport.removeAllListeners("close"),this.transport.close(),this.transport.removeAllListeners(),He&&(this._beforeunloadEventListener&&removeEventListener("beforeunload",this._beforeunloadEventListener,!1),this._offlineEventListener)){let s=Te.indexOf(this._offlineEventListener);s!==-1&&Te.splice(s,1)}this.readyState="closed",this.id=null,this.emitReserved("close",e,t),this.writeBuffer=[],this._prevBufferLen=0}}_filterUpgrades(e){let t=[];for(let s=0;s<e.length;s++)~this.transports.indexOf(e[s])&&t.push(e[s]);return t}};z.protocol=Ue;var ei=z.protocol;function Ut(n,e="",t){let s=n;t=t||typeof location<"u"&&location,n==null&&(n=t.protocol+"//"+t.host),typeof n=="string"&&(n.charAt(0)==="/"&&(n.charAt(1)==="/"?n=t.protocol+n:n=t.host+n),/^(https?|wss?):\/\//.test(n)||(typeof t<"u"?n=t.protocol+"//"+n:n="https://"+n),s=j(n)),s.port||(/^(http|ws)$/.test(s.protocol)?s.port="80":/^(http|ws)s$/.test(s.protocol)&&(s.port="443")),s.path=s.path||"/";let o=s.host.indexOf(":")!==-1?"["+s.host+"]":s.host;return s.id=s.protocol+"://"+o+":"+s.port+e,s.href=s.protocol+"://"+o+(t&&t.port===s.port?"":":"+s.port),s}var Xe={};fn(Xe,{Decoder:()=>Ye,Encoder:()=>We,PacketType:()=>m,isPacketValid:()=>Ln,protocol:()=>Ht});var Sn=typeof ArrayBuffer=="function",An=n=>typeof ArrayBuffer.isView=="function"?ArrayBuffer.isView(n):n.buffer instanceof ArrayBuffer,Ft=Object.prototype.toString,Cn=typeof Blob=="function"||typeof Blob<"u"&&Ft.call(Blob)==="[object BlobConstructor]",On=typeof File=="function"||typeof File<"u"&&Ft.call(File)==="[object FileConstructor]";function he(n){return Sn&&(n instanceof ArrayBuffer||An(n))||Cn&&n instanceof Blob||On&&n instanceof File}function le(n,e){if(!n||typeof n!="object")return!1;if(Array.isArray(n)){for(let t=0,s=n.length;t<s;t++)if(le(n[t]))return!0;return!1}if(he(n))return!0;if(n.toJSON&&typeof n.toJSON=="function"&&arguments.length===1)return le(n.toJSON(),!0);for(let t in n)if(Object.prototype.hasOwnProperty.call(n,t)&&le(n[t]))return!0;return!1}function Mt(n){let e=[],t=n.data,s=n;return s.data=Se(t,e),s.attachments=e.length,{packet:s,buffers:e}}function Se(n,e,t){if(!n)return n;if(he(n)){let s={_placeholder:!0,num:e.length};return e.push(n),s}else if(Array.isArray(n)){let s=new Array(n.length);for(let i=0;i<n.length;i++)s[i]=Se(n[i],e);return s}else if(typeof n=="object"&&!(n instanceof Date)){if(n.toJSON&&typeof n.toJSON=="function"&&!t)return Se(n.toJSON(),e,!0);let s={};for(let i in n)Object.prototype.hasOwnProperty.call(n,i)&&(s[i]=Se(n[i],e));return s}return n}function Vt(n,e){return n.data=Ke(n.data,e),delete n.attachments,n}function Ke(n,e){if(!n)return n;if(n&&n._placeholder===!0){if(typeof n.num=="number"&&n.num>=0&&n.num<e.length)return e[n.num];throw new Error("illegal attachments")}else if(Array.isArray(n))for(let t=0;t<n.length;t++)n[t]=Ke(n[t],e);else if(typeof n=="object")for(let t in n)Object.prototype.hasOwnProperty.call(n,t)&&(n[t]=Ke(n[t],e));return n}var zt=["connect","connect_error","disconnect","disconnecting","newListener","removeListener"],Ht=5,m;(function(n){n[n.CONNECT=0]="CONNECT",n[n.DISCONNECT=1]="DISCONNECT",n[n.EVENT=2]="EVENT",n[n.ACK=3]="ACK",n[n.CONNECT_ERROR=4]="CONNECT_ERROR",n[n.BINARY_EVENT=5]="BINARY_EVENT",n[n.BINARY_ACK=6]="BINARY_ACK"})(m||(m={}));var We=class{constructor(e){this.replacer=e}encode(e){return(e.type===m.EVENT||e.type===m.ACK)&&le(e)?this.encodeAsBinary({type:e.type===m.EVENT?m.BINARY_EVENT:m.BINARY_ACK,nsp:e.nsp,data:e.data,id:e.id}):[this.encodeAsString(e)]}encodeAsString(e){let t=""+e.type;return(e.type===m.BINARY_EVENT||e.type===m.BINARY_ACK)&&(t+=e.attachments+"-"),e.nsp&&e.nsp!=="/"&&(t+=e.nsp+","),e.id!=null&&(t+=e.id),e.data!=null&&(t+=JSON.stringify(e.data,this.replacer)),t}encodeAsBinary(e){let t=Mt(e),s=this.encodeAsString(t.packet),i=t.buffers;return i.unshift(s),i}},Ye=class n extends b{constructor(e){super(),this.opts=Object.assign({reviver:void 0,maxAttachments:10},typeof e=="function"?{reviver:e}:e)}add(e){let t;if(typeof e=="string"){if(this.reconstructor)throw new Error("got plaintext data when reconstructing a packet");t=this.decodeString(e);let s=t.type===m.BINARY_EVENT;s||t.type===m.BINARY_ACK?(t.type=s?m.EVENT:m.ACK,this.reconstructor=new Je(t)):super.emitReserved("decoded",t)}else if(he(e)||e.base64)if(this.reconstructor)t=this.reconstructor.takeBinaryData(e),t&&(this.reconstructor=null,super.emitReserved("decoded",t));else throw new Error("got binary data when not reconstructing a packet");else throw new Error("Unknown type: "+e)}decodeString(e){let t=0,s={type:Number(e.charAt(0))};if(m[s.type]===void 0)throw new Error("unknown packet type "+s.type);if(s.type===m.BINARY_EVENT||s.type===m.BINARY_ACK){let o=t+1;for(;e.charAt(++t)!=="-"&&t!=e.length;);let a=e.substring(o,t);if(a!=Number(a)||e.charAt(t)!=="-")throw new Error("Illegal attachments");let f=Number(a);if(!Kt(f)||f<1)throw new Error("Illegal attachments");if(f>this.opts.maxAttachments)throw new Error("too many attachments");s.attachments=f}if(e.charAt(t+1)==="/"){let o=t+1;for(;++t&&!(e.charAt(t)===","||t===e.length););s.nsp=e.substring(o,t)}else s.nsp="/";let i=e.charAt(t+1);if(i!==""&&Number(i)==i){let o=t+1;for(;++t;){let a=e.charAt(t);if(a==null||Number(a)!=a){--t;break}if(t===e.length)break}s.id=Number(e.substring(o,t+1))}if(e.charAt(++t)){let o=this.tryParse(e.substr(t));if(n.isPayloadValid(s.type,o))s.data=o;else throw new Error("invalid payload")}return s}tryParse(e){try{return JSON.parse(e,this.opts.reviver)}catch{return!1}}static isPayloadValid(e,t){switch(e){case m.CONNECT:return Ae(t);case m.DISCONNECT:return t===void 0;case m.CONNECT_ERROR:return typeof t=="string"||Ae(t);case m.EVENT:case m.BINARY_EVENT:return Array.isArray(t)&&(typeof t[0]=="number"||typeof t[0]=="string"&&zt.indexOf(t[0])===-1);case m.ACK:case m.BINARY_ACK:return Array.isArray(t)}}destroy(){this.reconstructor&&(this.reconstructor.finishedReconstruction(),this.reconstructor=null)}},Je=class{constructor(e){this.packet=e,this.buffers=[],this.reconPack=e}takeBinaryData(e){if(this.buffers.push(e),this.buffers.length===this.reconPack.attachments){let t=Vt(this.reconPack,this.buffers);return this.finishedReconstruction(),t}return null}finishedReconstruction(){this.reconPack=null,this.buffers=[]}};function Rn(n){return typeof n=="string"}var Kt=Number.isInteger||function(n){return typeof n=="number"&&isFinite(n)&&Math.floor(n)===n};function Nn(n){return n===void 0||Kt(n)}function Ae(n){return Object.prototype.toString.call(n)==="[object Object]"}function Bn(n,e){switch(n){case m.CONNECT:return e===void 0||Ae(e);case m.DISCONNECT:return e===void 0;case m.EVENT:return Array.isArray(e)&&(typeof e[0]=="number"||typeof e[0]=="string"&&zt.indexOf(e[0])===-1);case m.ACK:return Array.isArray(e);case m.CONNECT_ERROR:return typeof e=="string"||Ae(e);default:return!1}}function Ln(n){return Rn(n.nsp)&&Nn(n.id)&&Bn(n.type,n.data)}function C(n,e,t){return n.on(e,t),function(){n.off(e,t)}}var Pn=Object.freeze({connect:1,connect_error:1,disconnect:1,disconnecting:1,newListener:1,removeListener:1}),Q=class extends b{constructor(e,t,s){super(),this.connected=!1,this.recovered=!1,this.receiveBuffer=[],this.sendBuffer=[],this._queue=[],this._queueSeq=0,this.ids=0,this.acks={},this.flags={},this.io=e,this.nsp=t,s&&s.auth&&(this.auth=s.auth),this._opts=Object.assign({},s),this.io._autoConnect&&this.open()}get disconnected(){return!this.connected}subEvents(){if(this.subs)return;let e=this.io;this.subs=[C(e,"open",this.onopen.bind(this)),C(e,"packet",this.onpacket.bind(this)),C(e,"error",this.onerror.bind(this)),C(e,"close",this.onclose.bind(this))]}get active(){return!!this.subs}connect(){return this.connected?this:(this.subEvents(),this.io._reconnecting||this.io.open(),this.io._readyState==="open"&&this.onopen(),this)}open(){return this.connect()}send(...e){return e.unshift("message"),this.emit.apply(this,e),this}emit(e,...t){var s,i,o;if(Pn.hasOwnProperty(e))throw new Error('"'+e.toString()+'" is a reserved event name');if(t.unshift(e),this._opts.retries&&!this.flags.fromQueue&&!this.flags.volatile)return this._addToQueue(t),this;let a={type:m.EVENT,data:t};if(a.options={},a.options.compress=this.flags.compress!==!1,typeof t[t.length-1]=="function"){let k=this.ids++,O=t.pop();this._registerAckCallback(k,O),a.id=k}let f=(i=(s=this.io.engine)===null||s===void 0?void 0:s.transport)===null||i===void 0?void 0:i.writable,p=this.connected&&!(!((o=this.io.engine)===null||o===void 0)&&o._hasPingExpired());return this.flags.volatile&&!f||(p?(this.notifyOutgoingListeners(a),this.packet(a)):this.sendBuffer.push(a)),this.flags={},this}_registerAckCallback(e,t){var s;let i=(s=this.flags.timeout)!==null&&s!==void 0?s:this._opts.ackTimeout;if(i===void 0){this.acks[e]=t;return}let o=this.io.setTimeoutFn(()=>{delete this.acks[e];for(let f=0;f<this.sendBuffer.length;f++)this.sendBuffer[f].id===e&&this.sendBuffer.splice(f,1);t.call(this,new Error("operation has timed out"))},i),a=(...f)=>{this.io.clearTimeoutFn(o),t.apply(this,f)};a.withError=!0,this.acks[e]=a}emitWithAck(e,...t){return new Promise((s,i)=>{let o=(a,f)=>a?i(a):s(f);o.withError=!0,t.push(o),this.emit(e,...t)})}_addToQueue(e){let t;typeof e[e.length-1]=="function"&&(t=e.pop());let s={id:this._queueSeq++,tryCount:0,pending:!1,args:e,flags:Object.assign({fromQueue:!0},this.flags)};e.push((i,...o)=>(this._queue[0],i!==null?s.tryCount>this._opts.retries&&(this._queue.shift(),t&&t(i)):(this._queue.shift(),t&&t(null,...o)),s.pending=!1,this._drainQueue())),this._queue.push(s),this._drainQueue()}_drainQueue(e=!1){if(!this.connected||this._queue.length===0)return;let t=this._queue[0];t.pending&&!e||(t.pending=!0,t.tryCount++,this.flags=t.flags,this.emit.apply(this,t.args))}packet(e){e.nsp=this.nsp,this.io._packet(e)}onopen(){typeof this.auth=="function"?this.auth(e=>{this._sendConnectPacket(e)}):this._sendConnectPacket(this.auth)}_sendConnectPacket(e){this.packet({type:m.CONNECT,data:this._pid?Object.assign({pid:this._pid,offset:this._lastOffset},e):e})}onerror(e){this.connected||this.emitReserved("connect_error",e)}onclose(e,t){this.connected=!1,delete this.id,this.emitReserved("disconnect",e,t),this._clearAcks()}_clearAcks(){Object.keys(this.acks).forEach(e=>{if(!this.sendBuffer.some(s=>String(s.id)===e)){let s=this.acks[e];delete this.acks[e],s.withError&&s.call(this,new Error("socket has been disconnected"))}})}onpacket(e){if(e.nsp===this.nsp)switch(e.type){case m.CONNECT:e.data&&e.data.sid?this.onconnect(e.data.sid,e.data.pid):this.emitReserved("connect_error",new Error("It seems you are trying to reach a Socket.IO server in v2.x with a v3.x client, but they are not compatible (more information here: https://socket.io/docs/v3/migrating-from-2-x-to-3-0/)"));break;case m.EVENT:case m.BINARY_EVENT:this.onevent(e);break;case m.ACK:case m.BINARY_ACK:this.onack(e);break;case m.DISCONNECT:this.ondisconnect();break;case m.CONNECT_ERROR:this.destroy();let s=new Error(e.data.message);s.data=e.data.data,this.emitReserved("connect_error",s);break}}onevent(e){let t=e.data||[];e.id!=null&&t.push(this.ack(e.id)),this.connected?this.emitEvent(t):this.receiveBuffer.push(Object.freeze(t))}emitEvent(e){if(this._anyListeners&&this._anyListeners.length){let t=this._anyListeners.slice();for(let s of t)s.apply(this,e)}super.emit.apply(this,e),this._pid&&e.length&&typeof e[e.length-1]=="string"&&(this._lastOffset=e[e.length-1])}ack(e){let t=this,s=!1;return function(...i){s||(s=!0,t.packet({type:m.ACK,id:e,data:i}))}}onack(e){let t=this.acks[e.id];typeof t=="function"&&(delete this.acks[e.id],t.withError&&e.data.unshift(null),t.apply(this,e.data))}onconnect(e,t){this.id=e,this.recovered=t&&this._pid===t,this._pid=t,this.connected=!0,this.emitBuffered(),this._drainQueue(!0),this.emitReserved("connect")}emitBuffered(){this.receiveBuffer.forEach(e=>this.emitEvent(e)),this.receiveBuffer=[],this.sendBuffer.forEach(e=>{this.notifyOutgoingListeners(e),this.packet(e)}),this.sendBuffer=[]}ondisconnect(){this.destroy(),this.onclose("io server disconnect")}destroy(){this.subs&&(this.subs.forEach(e=>e()),this.subs=void 0),this.io._destroy(this)}disconnect(){return this.connected&&this.packet({type:m.DISCONNECT}),this.destroy(),this.connected&&this.onclose("io client disconnect"),this}close(){return this.disconnect()}compress(e){return this.flags.compress=e,this}get volatile(){return this.flags.volatile=!0,this}timeout(e){return this.flags.timeout=e,this}onAny(e){return this._anyListeners=this._anyListeners||[],this._anyListeners.push(e),this}prependAny(e){return this._anyListeners=this._anyListeners||[],this._anyListeners.unshift(e),this}offAny(e){if(!this._anyListeners)return this;if(e){let t=this._anyListeners;for(let s=0;s<t.length;s++)if(e===t[s])return t.splice(s,1),this}else this._anyListeners=[];return this}listenersAny(){return this._anyListeners||[]}onAnyOutgoing(e){return this._anyOutgoingListeners=this._anyOutgoingListeners||[],this._anyOutgoingListeners.push(e),this}prependAnyOutgoing(e){return this._anyOutgoingListeners=this._anyOutgoingListeners||[],this._anyOutgoingListeners.unshift(e),this}offAnyOutgoing(e){if(!this._anyOutgoingListeners)return this;if(e){let t=this._anyOutgoingListeners;for(let s=0;s<t.length;s++)if(e===t[s])return t.splice(s,1),this}else this._anyOutgoingListeners=[];return this}listenersAnyOutgoing(){return this._anyOutgoingListeners||[]}notifyOutgoingListeners(e){if(this._anyOutgoingListeners&&this._anyOutgoingListeners.length){let t=this._anyOutgoingListeners.slice();for(let s of t)s.apply(this,e.data)}}};function H(n){n=n||{},this.ms=n.min||100,this.max=n.max||1e4,this.factor=n.factor||2,this.jitter=n.jitter>0&&n.jitter<=1?n.jitter:0,this.attempts=0}H.prototype.duration=function(){var n=this.ms*Math.pow(this.factor,this.attempts++);if(this.jitter){var e=Math.random(),t=Math.floor(e*this.jitter*n);n=(Math.floor(e*10)&1)==0?n-t:n+t}return Math.min(n,this.max)|0};H.prototype.reset=function(){this.attempts=0};H.prototype.setMin=function(n){this.ms=n};H.prototype.setMax=function(n){this.max=n};H.prototype.setJitter=function(n){this.jitter=n};var G=class extends b{constructor(e,t){var s;super(),this.nsps={},this.subs=[],e&&typeof e=="object"&&(t=e,e=void 0),t=t||{},t.path=t.path||"/socket.io",this.opts=t,P(this,t),this.reconnection(t.reconnection!==!1),this.reconnectionAttempts(t.reconnectionAttempts||1/0),this.reconnectionDelay(t.reconnectionDelay||1e3),this.reconnectionDelayMax(t.reconnectionDelayMax||5e3),this.randomizationFactor((s=t.randomizationFactor)!==null&&s!==void 0?s:.5),this.backoff=new H({min:this.reconnectionDelay(),max:this.reconnectionDelayMax(),jitter:this.randomizationFactor()}),this.timeout(t.timeout==null?2e4:t.timeout),this._readyState="closed",this.uri=e;let i=t.parser||Xe;this.encoder=new i.Encoder,this.decoder=new i.Decoder,this._autoConnect=t.autoConnect!==!1,this._autoConnect&&this.open()}reconnection(e){return arguments.length?(this._reconnection=!!e,e||(this.skipReconnect=!0),this):this._reconnection}reconnectionAttempts(e){return e===void 0?this._reconnectionAttempts:(this._reconnectionAttempts=e,this)}reconnectionDelay(e){var t;return e===void 0?this._reconnectionDelay:(this._reconnectionDelay=e,(t=this.backoff)===null||t===void 0||t.setMin(e),this)}randomizationFactor(e){var t;return e===void 0?this._randomizationFactor:(this._randomizationFactor=e,(t=this.backoff)===null||t===void 0||t.setJitter(e),this)}reconnectionDelayMax(e){var t;return e===void 0?this._reconnectionDelayMax:(this._reconnectionDelayMax=e,(t=this.backoff)===null||t===void 0||t.setMax(e),this)}timeout(e){return arguments.length?(this._timeout=e,this):this._timeout}maybeReconnectOnOpen(){!this._reconnecting&&this._reconnection&&this.backoff.attempts===0&&this.reconnect()}open(e){if(~this._readyState.indexOf("open"))return this;this.engine=new z(this.uri,this.opts);let t=this.engine,s=this;this._readyState="opening",this.skipReconnect=!1;let i=C(t,"open",function(){s.onopen(),e&&e()}),o=f=>{this.cleanup(),this._readyState="closed",this.emitReserved("error",f),e?e(f):this.maybeReconnectOnOpen()},a=C(t,"error",o);if(this._timeout!==!1){let f=this._timeout,p=this.setTimeoutFn(()=>{i(),o(new Error("timeout")),t.close()},f);this.opts.autoUnref&&p.unref(),this.subs.push(()=>{this.clearTimeoutFn(p)})}return this.subs.push(i),this.subs.push(a),this}connect(e){return this.open(e)}onopen(){this.cleanup(),this._readyState="open",this.emitReserved("open");let e=this.engine;this.subs.push(C(e,"ping",this.onping.bind(this)),C(e,"data",this.ondata.bind(this)),C(e,"error",this.onerror.bind(this)),C(e,"close",this.onclose.bind(this)),C(this.decoder,"decoded",this.ondecoded.bind(this)))}onping(){this.emitReserved("ping")}ondata(e){try{this.decoder.add(e)}catch(t){this.onclose("parse error",t)}}ondecoded(e){L(()=>{this.emitReserved("packet",e)},this.setTimeoutFn)}onerror(e){this.emitReserved("error",e)}socket(e,t){let s=this.nsps[e];return s?this._autoConnect&&!s.active&&s.connect():(s=new Q(this,e,t),this.nsps[e]=s),s}_destroy(e){let t=Object.keys(this.nsps);for(let s of t)if(this.nsps[s].active)return;this._close()}_packet(e){let t=this.encoder.encode(e);for(let s=0;s<t.length;s++)this.engine.write(t[s],e.options)}cleanup(){this.subs.forEach(e=>e()),this.subs.length=0,this.decoder.destroy()}_close(){this.skipReconnect=!0,this._reconnecting=!1,this.onclose("forced close")}disconnect(){return this._close()}onclose(e,t){var s;this.cleanup(),(s=this.engine)===null||s===void 0||s.close(),this.backoff.reset(),this._readyState="closed",this.emitReserved("close",e,t),this._reconnection&&!this.skipReconnect&&this.reconnect()}reconnect(){if(this._reconnecting||this.skipReconnect)return this;let e=this;if(this.backoff.attempts>=this._reconnectionAttempts)this.backoff.reset(),this.emitReserved("reconnect_failed"),this._reconnecting=!1;else{let t=this.backoff.duration();this._reconnecting=!0;let s=this.setTimeoutFn(()=>{e.skipReconnect||(this.emitReserved("reconnect_attempt",e.backoff.attempts),!e.skipReconnect&&e.open(i=>{i?(e._reconnecting=!1,e.reconnect(),this.emitReserved("reconnect_error",i)):e.onreconnect()}))},t);this.opts.autoUnref&&s.unref(),this.subs.push(()=>{this.clearTimeoutFn(s)})}}onreconnect(){let e=this.backoff.attempts;this._reconnecting=!1,this.backoff.reset(),this.emitReserved("reconnect",e)}};var fe={};function ue(n,e){typeof n=="object"&&(e=n,n=void 0),e=e||{};let t=Ut(n,e.path||"/socket.io"),s=t.source,i=t.id,o=t.path,a=fe[i]&&o in fe[i].nsps,f=e.forceNew||e["force new connection"]||e.multiplex===!1||a,p;return f?p=new G(s,e):(fe[i]||(fe[i]=new G(s,e)),p=fe[i]),t.query&&!e.query&&(e.query=t.queryKey),p.socket(t.path,e)}Object.assign(ue,{Manager:G,Socket:Q,io:ue,connect:ue});var $e=`:host {
  all: initial;
}
.wrap {
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1a1a1a;
  -webkit-text-size-adjust: 100%;
}
*,
*::before,
*::after {
  box-sizing: border-box;
}
.sr {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}
button,
textarea {
  font: inherit;
  color: inherit;
  margin: 0;
}
button {
  cursor: pointer;
}
/* Visible focus on any background: a white ring inside a dark one. */
:focus-visible {
  outline: 3px solid #1a1a1a;
  outline-offset: 2px;
  box-shadow: 0 0 0 2px #fff;
}
.log:focus-visible {
  outline-offset: -4px;
  box-shadow: inset 0 0 0 6px #fff;
}

/* ------------------------------------------------------------ launcher */
.launcher {
  position: fixed;
  right: 16px;
  bottom: 16px;
  z-index: 2147483000;
  display: inline-flex;
  align-items: center;
  gap: 8px;
  min-height: 48px;
  padding: 10px 20px 10px 14px;
  border: 2px solid transparent;
  border-radius: 999px;
  background: var(--accent);
  color: var(--on-accent);
  font-weight: 600;
  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.28);
}
.launcher:hover {
  filter: brightness(0.92);
}
.icon,
.icon svg,
.close svg {
  display: block;
  width: 24px;
  height: 24px;
  fill: currentColor;
}

/* --------------------------------------------------------------- panel */
.panel {
  position: fixed;
  right: 16px;
  bottom: 80px;
  z-index: 2147483000;
  display: flex;
  flex-direction: column;
  width: min(400px, calc(100vw - 32px));
  height: min(640px, calc(100vh - 104px));
  background: #fff;
  border: 1px solid #c4cad3;
  border-radius: 12px;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3);
  overflow: hidden;
  animation: itb-in 0.16s ease-out;
}
.panel[hidden] {
  display: none;
}
@keyframes itb-in {
  from {
    opacity: 0;
    transform: translateY(8px);
  }
}
.head {
  display: flex;
  align-items: center;
  gap: 8px;
  padding: 10px 8px 10px 16px;
  background: var(--accent);
  color: var(--on-accent);
}
.titles {
  flex: 1;
  min-width: 0;
}
h2 {
  margin: 0;
  font-size: 17px;
  font-weight: 700;
  line-height: 1.3;
  overflow-wrap: anywhere;
}
.sub {
  margin: 0;
  font-size: 14px;
}
/* The language switch: the other language's name ("Español" / "English"). */
.lang {
  flex: none;
  min-height: 40px;
  padding: 6px 12px;
  border: 2px solid currentColor;
  border-radius: 999px;
  background: transparent;
  font-size: 15px;
  font-weight: 600;
  line-height: 1.2;
}
.lang:hover {
  background: rgba(255, 255, 255, 0.18);
}
.lang[hidden] {
  display: none;
}
.close {
  flex: none;
  display: grid;
  place-items: center;
  width: 44px;
  height: 44px;
  padding: 0;
  border: 0;
  border-radius: 8px;
  background: transparent;
}
.close:hover {
  background: rgba(255, 255, 255, 0.18);
}
.conn {
  margin: 0;
  padding: 8px 16px;
  background: #fff4d6;
  border-bottom: 1px solid #d9b84a;
  color: #3d2c00;
  font-size: 14px;
}
.conn:empty {
  display: none;
}

/* ------------------------------------------------------------ messages */
.log {
  position: relative;
  flex: 1;
  min-height: 0;
  display: flex;
  flex-direction: column;
  gap: 12px;
  padding: 16px 12px;
  overflow-y: auto;
  overscroll-behavior: contain;
}
.msg {
  display: flex;
  flex-direction: column;
  align-items: flex-start;
  flex: none;
}
.msg.user {
  align-items: flex-end;
}
.bubble {
  max-width: 88%;
  margin: 0;
  padding: 10px 14px;
  border-radius: 16px;
  white-space: pre-line;
  overflow-wrap: anywhere;
}
.line {
  display: block;
}
.line + .line {
  margin-top: 8px;
}
.bot .bubble {
  background: #eef1f5;
  border-bottom-left-radius: 4px;
  color: #1a1a1a;
}
.user .bubble {
  background: var(--accent);
  border-bottom-right-radius: 4px;
  color: var(--on-accent);
}
.bubble a {
  color: #0a4a8a;
  text-decoration: underline;
  text-underline-offset: 2px;
}
.user .bubble a {
  color: inherit;
}
.meta {
  margin: 4px 2px 0;
  font-size: 13px;
  color: #545c68;
}
.meta.failed {
  color: #a11d1d;
}
.chips {
  display: flex;
  flex-wrap: wrap;
  gap: 8px;
  margin-top: 10px;
  max-width: 100%;
}
.chip {
  min-height: 40px;
  padding: 7px 14px;
  border: 2px solid var(--accent-text);
  border-radius: 999px;
  background: #fff;
  color: var(--accent-text);
  font-size: 15px;
  font-weight: 600;
  line-height: 1.25;
  text-align: left;
}
.chip:hover {
  background: #eef1f5;
}
.feedback {
  margin: 6px 2px 0;
  font-size: 14px;
  color: #3b4350;
}
.fb-ask {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 8px;
}
.fb-btn {
  min-height: 32px;
  padding: 4px 12px;
  border: 1px solid #6b7280;
  border-radius: 6px;
  background: #fff;
  color: #1a1a1a;
  font-size: 14px;
}
.fb-btn:hover {
  background: #eef1f5;
}
.fb-form {
  display: flex;
  flex-direction: column;
  gap: 6px;
  max-width: 100%;
}
.fb-form textarea {
  width: 100%;
  box-sizing: border-box;
  padding: 6px 8px;
  border: 1px solid #6b7280;
  border-radius: 6px;
  font: inherit;
  resize: vertical;
}
.fb-row {
  display: flex;
  gap: 8px;
}
.fb-status {
  margin: 0;
}
.typing {
  display: flex;
  flex: none;
  align-self: flex-start;
  gap: 5px;
  padding: 14px 16px;
  border-radius: 16px;
  border-bottom-left-radius: 4px;
  background: #eef1f5;
}
.typing[hidden] {
  display: none;
}
.typing span {
  width: 8px;
  height: 8px;
  border-radius: 50%;
  background: #545c68;
  animation: itb-dot 1.2s infinite ease-in-out;
}
.typing span:nth-child(2) {
  animation-delay: 0.15s;
}
.typing span:nth-child(3) {
  animation-delay: 0.3s;
}
@keyframes itb-dot {
  0%,
  80%,
  100% {
    opacity: 0.35;
    transform: translateY(0);
  }
  40% {
    opacity: 1;
    transform: translateY(-3px);
  }
}

/* ------------------------------------------------------------- compose */
.actions {
  display: flex;
  gap: 8px;
  padding: 10px 12px 0;
  border-top: 1px solid #d5dae1;
}
.action {
  flex: 1;
  min-height: 40px;
  padding: 6px 10px;
  border: 1px solid #6b7482;
  border-radius: 8px;
  background: #fff;
  color: #1a1a1a;
  font-size: 15px;
  font-weight: 600;
}
.action:hover {
  background: #eef1f5;
}
.compose {
  display: flex;
  align-items: flex-end;
  gap: 8px;
  padding: 10px 12px 12px;
}
textarea {
  flex: 1;
  min-width: 0;
  min-height: 44px;
  max-height: 132px;
  padding: 10px 12px;
  border: 1px solid #6b7482;
  border-radius: 8px;
  background: #fff;
  font-size: 16px;
  line-height: 1.4;
  resize: none;
}
textarea::placeholder {
  color: #545c68;
  opacity: 1;
}
.send {
  flex: none;
  min-height: 44px;
  padding: 0 18px;
  border: 0;
  border-radius: 8px;
  background: var(--accent);
  color: var(--on-accent);
  font-weight: 700;
}
.send:hover {
  filter: brightness(0.92);
}

/* Phones, and big zoom: the chat takes the whole screen. */
@media (max-width: 480px), (max-height: 520px) {
  .panel {
    inset: 0;
    width: 100%;
    height: 100%;
    border: 0;
    border-radius: 0;
  }
  .wrap.open .launcher {
    display: none;
  }
  .launcher {
    right: 12px;
    bottom: 12px;
  }
}
@media (prefers-reduced-motion: reduce) {
  *,
  *::before,
  *::after {
    animation: none !important;
    transition: none !important;
    scroll-behavior: auto !important;
  }
  .typing span {
    opacity: 1;
  }
}
@media (forced-colors: active) {
  .bubble,
  .chip,
  .typing,
  .launcher,
  .send {
    border: 1px solid CanvasText;
  }
}
@media print {
  .wrap {
    display: none;
  }
}
`;var en="itb-webchat",Wt=2e3,In=200,Dn=6e4,Un=15e3,Yt=500,Fn="/request_human",Mn="__ITB_WIDGET_TEXTS__";function Vn(){try{let n=JSON.parse(Mn);if(n&&typeof n=="object")return n}catch{}return{}}var V=Vn(),je=V.i18n&&typeof V.i18n=="object"?V.i18n:{},Qe=Object.keys(je).length?Object.keys(je):["en"];function M(n){let e=/^([a-z]{2})(?:[-_]|$)/i.exec(String(n||"").trim());return e&&Qe.includes(e[1].toLowerCase())?e[1].toLowerCase():null}var w="en",Ge=n=>je[n]||{},g=n=>{let e=Ge(w).texts||{};return String(e[n]||V.texts&&V.texts[n]||"")},zn=document.currentScript||document.querySelector('script[src*="webchat/widget.js"]');function Hn(n){let e=n&&n.dataset||{},t=n&&n.src?new URL(n.src,location.href):location,s=e.suggestions?e.suggestions.split("|").map(i=>i.split("=")).filter(i=>i.length===2&&i[0].trim()&&i[1].trim()).map(([i,o])=>({title:i.trim(),payload:o.trim()})):null;return{server:e.server||t.origin,path:e.socketPath||"/webhooks/webchat/socket.io",title:e.title||"",greeting:e.greeting||"",color:e.color||"#0a58a3",phone:e.phone||V.phone||"",tel:e.phone?e.tel||"":V.tel||"",suggestions:s,pageLang:M(e.lang)||M(document.documentElement.lang)||"en"}}function Jt(n){let e=/^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(n).trim());if(!e)return null;let t=e[1].length===3?e[1].replace(/./g,"$&$&"):e[1];return[0,2,4].map(s=>parseInt(t.slice(s,s+2),16))}function Xt([n,e,t]){let s=i=>(i/=255)<=.03928?i/12.92:((i+.055)/1.055)**2.4;return .2126*s(n)+.7152*s(e)+.0722*s(t)}function $t(n,e){let[t,s]=[Xt(n),Xt(e)].sort((i,o)=>o-i);return(t+.05)/(s+.05)}function Kn(n){let e=Jt(n)||Jt("#0a58a3"),t=[255,255,255],s="#"+e.map(i=>i.toString(16).padStart(2,"0")).join("");return{accent:s,onAccent:$t(e,t)>=4.5?"#ffffff":"#111111",accentText:$t(e,t)>=4.5?s:"#1a1a1a"}}function h(n,e,...t){let s=document.createElement(n);for(let[i,o]of Object.entries(e||{}))o===!1||o==null||(i==="class"?s.className=o:i==="text"?s.textContent=o:i.startsWith("on")?s.addEventListener(i.slice(2),o):s.setAttribute(i,o===!0?"":o));for(let i of t)i!=null&&s.append(i);return s}function Ce(n){let e="http://www.w3.org/2000/svg",t=document.createElementNS(e,"svg");t.setAttribute("viewBox","0 0 24 24"),t.setAttribute("aria-hidden","true"),t.setAttribute("focusable","false");let s=document.createElementNS(e,"path");return s.setAttribute("d",n),t.append(s),t}var jt="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z",Qt="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z";function Gt(){let n=new Uint8Array(16);return crypto.getRandomValues(n),Array.from(n,e=>e.toString(16).padStart(2,"0")).join("")}function Wn(n){return n.replace(/[.*+?^${}()|[\]\\]/g,"\\$&")}function Yn(n,e,t){let s=["\\[([^\\]\\n]{1,200})\\]\\(((?:https?:\\/\\/|tel:)[^\\s)]+)\\)",`(https?:\\/\\/[^\\s<>"]*[^\\s<>".,;:!?)\\]'])`];t.phone&&t.tel&&s.push("("+Wn(t.phone)+")");let i=new RegExp(s.join("|"),"g"),o=0,a;for(;a=i.exec(e);){a.index>o&&n.append(e.slice(o,a.index));let f,p;a[1]?[f,p]=[a[1],a[2]]:a[3]?f=p=a[3]:[f,p]=[a[4],"tel:"+t.tel];let _=/^https?:/.test(p),k=h("a",{href:p},f);_&&(k.target="_blank",k.rel="noopener noreferrer",k.append(h("span",{class:"sr",text:" "+g("new_tab")}))),n.append(k),o=i.lastIndex}o<e.length&&n.append(e.slice(o))}function Jn(n){return n.split(/\*\*(.+?)\*\*/).map((e,t)=>t%2?h("strong",{text:e}):e)}function Xn(){try{let n=JSON.parse(sessionStorage.getItem(en)||"null");if(n&&n.v===1&&Array.isArray(n.messages))return n}catch{}return{v:1,sessionId:null,open:!1,messages:[],lang:null}}function Zt(){if(window.ITBWebchat)return;let n=Hn(zn),e=Kn(n.color),t=Xn();w=M(t.lang)||n.pageLang;let s=new Map,i=null,o=!1,a=null,f=0,p=null,_=null,k=0,O=new Set,v=()=>{t.messages=t.messages.slice(-In);try{sessionStorage.setItem(en,JSON.stringify(t))}catch{}},K=h("div",{id:"itb-webchat"}),B=K.attachShadow({mode:"open"});try{let r=new CSSStyleSheet;r.replaceSync($e),B.adoptedStyleSheets=[r]}catch{B.append(h("style",{text:$e}))}K.style.setProperty("--accent",e.accent),K.style.setProperty("--on-accent",e.onAccent),K.style.setProperty("--accent-text",e.accentText);let pe=h("span"),Oe=h("span",{class:"icon"},Ce(jt)),Z=h("button",{type:"button",class:"launcher","aria-expanded":"false","aria-controls":"itb-panel"},Oe,pe),Re=h("button",{type:"button",class:"close"},Ce(Qt)),de=h("span"),Ze=h("button",{type:"button",class:"lang",hidden:Qe.length<2},de),Ne=h("p",{class:"conn",role:"status"}),Be=h("p",{class:"sr",role:"status"}),ee=h("div",{class:"typing","aria-hidden":"true",hidden:!0},h("span"),h("span"),h("span")),I=h("div",{class:"log",role:"log","aria-live":"polite",tabindex:"0"},ee),E=h("textarea",{id:"itb-input",rows:"1",maxlength:String(Wt),autocomplete:"off",enterkeyhint:"send"}),et=h("label",{class:"sr",for:"itb-input"}),tt=h("button",{type:"submit",class:"send"}),te=h("form",{class:"compose",novalidate:!0},et,E,tt),nt=h("button",{type:"button",class:"action",onclick:()=>ye(Fn,g("talk_to_person"))}),st=h("button",{type:"button",class:"action",onclick:cn}),tn=h("div",{class:"actions"},nt,st),it=h("h2",{id:"itb-title"}),rt=h("p",{class:"sub"}),R=h("section",{id:"itb-panel",class:"panel",role:"dialog","aria-labelledby":"itb-title",hidden:!0},h("header",{class:"head"},h("div",{class:"titles"},it,rt),Ze,Re),Ne,I,tn,te,Be),W=h("aside",{class:"wrap"},R,Z);B.append(W);let me=()=>Qe.find(r=>r!==w)||w;function ot(){K.setAttribute("lang",w),W.setAttribute("lang",w),W.setAttribute("aria-label",g("region")),pe.textContent=R.hidden?g("launcher"):g("hide"),Re.setAttribute("aria-label",g("close")),it.textContent=n.title||g("title"),rt.textContent=g("subtitle"),de.textContent=String(Ge(me()).name||me()),de.setAttribute("lang",me()),I.setAttribute("aria-label",g("log")),et.textContent=g("input_label"),E.placeholder=g("input_placeholder"),tt.textContent=g("send"),nt.textContent=g("talk_to_person"),st.textContent=g("start_over"),ge(lt),Y.quick=nn()}function at(r){if(r=M(r),!r||r===w)return;w=r,t.lang=r,v(),ot();let c=s.get(Y.key);if(c){let l=c.contains(B.activeElement);c.remove(),s.delete(Y.key),T(),l&&E.focus()}else T()}Ze.addEventListener("click",()=>{let r=me(),c=de.textContent;at(r),ye(`/set_language{"language":"${r}"}`,c)});let ct=()=>w===n.pageLang,nn=()=>ct()&&n.suggestions?n.suggestions:(Ge(w).suggestions||V.suggestions||[]).map(r=>({title:String(r.title),payload:String(r.payload)})),Y={key:"greeting",from:"bot",text:"",quick:[]};function sn(r){let c=r.key!==Y.key&&M(r.lang)||w,l=h("p",{class:"bubble",lang:c},h("span",{class:"sr",lang:w,text:g(r.from==="user"?"you":"assistant")+" "}));return r.key==="greeting"?l.append(h("span",{class:"line"},ct()&&n.greeting||g("greeting")),...g("disclosure").split(`
`).map(d=>h("span",{class:"line"},...Jn(d)))):r.from==="bot"?Yn(l,r.text,n):l.append(r.text),h("div",{class:"msg "+r.from,"data-key":r.key},l)}function rn(r,c,l){if(c.from==="user"){let y=c.status==="failed"?c.reason||g("not_sent"):c.status==="pending"&&!o?g("waiting"):c.status==="pending"?g("sending"):"",x=r.querySelector(".meta");if(!y){x&&x.remove();return}x||r.append(x=h("p",{class:"meta"})),x.textContent!==y&&(x.textContent=y),x.setAttribute("lang",w),x.classList.toggle("failed",c.status==="failed");return}c.answer&&on(r,c);let d=l&&c.quick&&c.quick.length>0,u=r.querySelector(".chips");if(d&&!u){u=h("div",{class:"chips",role:"group","aria-label":g("suggestions"),lang:w});for(let y of c.quick)u.append(h("button",{type:"button",class:"chip",lang:c.key!==Y.key&&M(c.lang)||w,text:y.title,onclick:()=>{ye(y.payload,y.title),E.focus()}}));r.append(u)}else!d&&u&&(u.contains(B.activeElement)&&E.focus(),u.remove())}function on(r,c){let l=r.querySelector(".feedback");l||(l=h("div",{class:"feedback"},h("p",{class:"fb-status",role:"status","aria-live":"polite"})),r.append(l));let d=l.querySelector(".fb-status"),u=c.fb||"ask";if(l.dataset.view===u)return;let y=l.contains(B.activeElement);if(l.dataset.view=u,l.setAttribute("lang",w),l.querySelectorAll(".fb-ask, .fb-form").forEach(x=>x.remove()),u==="ask")l.prepend(h("div",{class:"fb-ask",role:"group","aria-label":g("feedback_group")},h("span",{class:"fb-q",text:g("feedback_question")}),h("button",{type:"button",class:"fb-btn",text:g("feedback_yes"),onclick:()=>Le(c,!0,null)}),h("button",{type:"button",class:"fb-btn",text:g("feedback_no"),onclick:()=>{c.fb="comment",v(),T();let x=r.querySelector(".fb-form textarea");x&&x.focus()}}))),y&&l.querySelector(".fb-btn").focus();else if(u==="comment"){let x="itb-fb-"+ ++k,A=h("textarea",{id:x,rows:"2",maxlength:String(Yt)}),ne=h("form",{class:"fb-form",novalidate:!0},h("label",{for:x,text:g("feedback_comment_label")}),A,h("div",{class:"fb-row"},h("button",{type:"submit",class:"fb-btn",text:g("feedback_send")}),h("button",{type:"button",class:"fb-btn",text:g("feedback_skip"),onclick:()=>Le(c,!1,null)})));ne.addEventListener("submit",ln=>{ln.preventDefault(),Le(c,!1,A.value.trim().slice(0,Yt)||null)}),l.prepend(ne)}else u==="done"&&(y&&E.focus(),d.textContent=g("feedback_thanks"))}function Le(r,c,l){if(r.fb==="done"||O.has(r.key))return;O.add(r.key);let d={session_id:t.sessionId,message_id:r.key.slice(2),helpful:c};l&&(d.comment=l);let u=f,y=s.get(r.key)&&s.get(r.key).querySelector(".fb-status");be(),i.timeout(Un).emit("answer_feedback",d,(x,A)=>{if(O.delete(r.key),u===f){if(!x&&A&&A.ok)return r.fb="done",v(),T();y&&(y.textContent="",y.setAttribute("lang",w),setTimeout(()=>y.textContent=g("feedback_not_sent"),50))}})}function T(){let r=[Y,...t.messages],c=-1;r.forEach((y,x)=>y.from==="user"&&(c=x));let l=new Set,d=null;r.forEach((y,x)=>{let A=s.get(y.key);A||(A=sn(y),s.set(y.key,A)),rn(A,y,x>c);let ne=d?d.nextSibling:I.firstChild;A!==ne&&I.insertBefore(A,ne),d=A,l.add(y.key)});for(let[y,x]of s)l.has(y)||(x.contains(B.activeElement)&&E.focus(),x.remove(),s.delete(y));I.append(ee);let u=ee.hidden;ee.hidden=!(a&&o),u&&!ee.hidden&&!_&&J(null)}function J(r){let c=I.scrollHeight-I.clientHeight;I.scrollTop=r&&r.isConnected?Math.min(r.offsetTop-12,c):c}let lt="";function ge(r){lt=r;let c=r==="offline"?g("offline"):r==="connecting"?g("connecting"):"";Ne.textContent!==c&&(Ne.textContent=c)}function ht(r){let c=M(r.lang);if(r.sender==="user")return{key:"u:"+r.id,id:r.id,from:"user",text:String(r.text||""),status:"sent",lang:c};let l=(r.quick_replies||r.buttons||[]).filter(u=>u&&u.title&&u.payload).slice(0,12).map(u=>({title:String(u.title),payload:String(u.payload)})),d={key:"b:"+(r.id||Gt()),from:"bot",text:String(r.text||""),quick:l,lang:c};return r.id&&typeof r.answer=="string"&&r.answer&&(d.answer=r.answer),d}function an(r){let c=r.filter(u=>u&&typeof u=="object").map(ht),l=new Map(t.messages.map(u=>[u.key,u])),d=new Set(c.map(u=>u.key));for(let u of c){let y=l.get(u.key);y&&u.from==="user"&&([u.text,u.lang]=[y.text,y.lang||u.lang]),y&&y.fb&&(u.fb=y.fb)}t.messages=c.concat(t.messages.filter(u=>!d.has(u.key)))}function ye(r,c){let l=String(r).trim();if(!l)return;let d=Gt();t.messages.push({key:"u:"+d,id:d,from:"user",text:c||l,payload:l.slice(0,Wt),status:"pending",lang:w}),v(),_=null,T(),J(null),be(),X()}function X(){if(!o||a||!i)return;let r=t.messages.find(d=>d.from==="user"&&d.status==="pending");if(!r)return T();a=r.id;let c=f,l={message:r.payload||r.text,session_id:t.sessionId,message_id:r.id,metadata:{language:M(r.lang)||w}};r.payload&&r.payload!==r.text&&(l.metadata.display=r.text),T(),i.timeout(Dn).emit("user_uttered",l,(d,u)=>{if(!(c!==f||a!==r.id)){if(a=null,d||!u)return p=setTimeout(X,1e3),T();if(u.ok)return r.status="sent",v(),T(),_&&J(_),X();if(u.error==="rate_limited")return ft(g("rate_limited")),p=setTimeout(X,Math.max(1,Number(u.retry_after)||5)*1e3),T();if(u.error==="no_session")return o=!1,i.emit("session_request",{session_id:t.sessionId}),T();r.status="failed",r.reason=u.error==="too_long"?g("too_long"):g("unreadable"),v(),X()}})}function ft(r){Be.textContent="",setTimeout(()=>Be.textContent=r,50)}function be(){if(i)return;i=ue(n.server,{path:n.path,transports:["websocket","polling"],tryAllTransports:!0,withCredentials:!1,reconnectionDelay:1e3,reconnectionDelayMax:5e3});let r=setTimeout(()=>!o&&ge("connecting"),1500);i.on("connect",()=>{i.emit("session_request",{session_id:t.sessionId})}),i.on("session_confirm",l=>{let d=typeof l=="string"?l:l&&l.session_id;d&&(t.sessionId=d),v()}),i.on("session_history",l=>{if(!l||l.session_id!==t.sessionId)return;clearTimeout(r);let d=t.messages.length;an(Array.isArray(l.messages)?l.messages:[]),o=!0,ge(""),v(),T(),t.messages.length!==d&&J(_),X()}),i.on("bot_uttered",l=>{if(!l||typeof l!="object")return;let d=ht(l);t.messages.some(u=>u.key===d.key)||(d.lang&&d.lang!==w&&at(d.lang),t.messages.push(d),v(),T(),(!_||!_.isConnected)&&(_=s.get(d.key)),J(_))});let c=()=>ge("offline");i.on("disconnect",()=>{o=!1,a=null,f++,clearTimeout(p),c(),T()}),i.on("connect_error",()=>{clearTimeout(r),c()})}function cn(){f++,a=null,clearTimeout(p),t.messages=[],t.sessionId=null,_=null,v(),T(),i&&i.connected&&(o=!1,i.emit("session_request",{session_id:null})),ft(g("started_over")),E.focus()}let Pe=matchMedia("(max-width: 480px), (max-height: 520px)");function ut(){return Pe.matches}let pt=()=>!R.hidden&&ut()?R.setAttribute("aria-modal","true"):R.removeAttribute("aria-modal");Pe.addEventListener&&Pe.addEventListener("change",pt);function qe(r=!0){R.hidden=!1,W.classList.add("open"),Z.setAttribute("aria-expanded","true"),pe.textContent=g("hide"),Oe.replaceChildren(Ce(Qt)),pt(),t.open=!0,v(),be(),T(),J(null),r&&E.focus()}function xe(){R.hidden=!0,W.classList.remove("open"),Z.setAttribute("aria-expanded","false"),pe.textContent=g("launcher"),Oe.replaceChildren(Ce(jt)),t.open=!1,v(),Z.focus()}Z.addEventListener("click",()=>R.hidden?qe():xe()),Re.addEventListener("click",xe),W.addEventListener("keydown",r=>{if(r.key==="Escape"&&!r.isComposing&&!R.hidden)r.preventDefault(),xe();else if(r.key==="Tab"&&!R.hidden&&ut()){let c=Array.from(R.querySelectorAll("button, textarea, a[href], [tabindex='0']")),l=c[0],d=c[c.length-1];r.shiftKey&&B.activeElement===l?(r.preventDefault(),d.focus()):!r.shiftKey&&B.activeElement===d&&(r.preventDefault(),l.focus())}}),te.addEventListener("submit",r=>{r.preventDefault();let c=E.value.trim();if(!c)return E.focus();E.value="",dt(),ye(c),E.focus()}),E.addEventListener("keydown",r=>{r.key==="Enter"&&!r.shiftKey&&!r.isComposing&&(r.preventDefault(),te.requestSubmit?te.requestSubmit():te.dispatchEvent(new Event("submit")))});function dt(){E.style.height="auto",E.style.height=Math.min(E.scrollHeight+2,132)+"px"}E.addEventListener("input",dt),document.body.append(K),ot(),T(),t.open?qe(!1):(t.sessionId||t.messages.some(r=>r.status==="pending"))&&be(),window.ITBWebchat={open:()=>qe(),close:xe}}document.body?Zt():document.addEventListener("DOMContentLoaded",Zt);})();
